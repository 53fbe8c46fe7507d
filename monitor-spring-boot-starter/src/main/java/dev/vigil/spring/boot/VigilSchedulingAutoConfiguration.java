package dev.vigil.spring.boot;

import dev.vigil.Monitor;
import dev.vigil.jobs.JobMonitor;
import dev.vigil.jobs.JobRun;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.support.ScheduledTaskObservationContext;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Records every {@code @Scheduled} method run as a Vigil job named {@code bean.method} (e.g.
 * {@code curationScheduler.curate}), through Spring's own scheduled-task observations, so
 * {@code monitor.jobs.expect.<job>.max-age} can watch it with no code in the host.
 */
@AutoConfiguration(after = VigilAutoConfiguration.class, afterName =
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({SchedulingConfigurer.class, ScheduledTaskObservationContext.class, ObservationRegistry.class})
@ConditionalOnBean(Monitor.class)
@ConditionalOnBooleanProperty(name = "monitor.jobs.instrument-scheduled", matchIfMissing = true)
public final class VigilSchedulingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "vigilScheduledJobs")
    SchedulingConfigurer vigilScheduledJobs(Monitor monitor, ObjectProvider<ObservationRegistry> observationRegistry) {
        return registrar -> {
            ObservationRegistry registry = registrar.getObservationRegistry();
            if (registry == null || registry.isNoop()) {
                registry = observationRegistry.getIfAvailable(ObservationRegistry::create);
                registrar.setObservationRegistry(registry);
            }
            registry.observationConfig().observationHandler(new ScheduledJobHandler(monitor.jobs()));
        };
    }

    /** Turns scheduled-task observations into job runs. */
    static final class ScheduledJobHandler implements ObservationHandler<ScheduledTaskObservationContext> {

        private final JobMonitor jobs;

        ScheduledJobHandler(JobMonitor jobs) {
            this.jobs = jobs;
        }

        static String jobName(ScheduledTaskObservationContext context) {
            return StringUtils.uncapitalize(ClassUtils.getUserClass(context.getTargetClass()).getSimpleName())
                    + "." + context.getMethod().getName();
        }

        @Override
        public void onStart(ScheduledTaskObservationContext context) {
            context.put(JobRun.class, jobs.start(jobName(context)));
        }

        @Override
        public void onStop(ScheduledTaskObservationContext context) {
            JobRun run = context.get(JobRun.class);
            if (run == null) {
                return;
            }
            Throwable error = context.getError();
            if (error != null) {
                run.failure(error);
            } else {
                run.success();
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof ScheduledTaskObservationContext;
        }
    }
}
