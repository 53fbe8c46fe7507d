package dev.vigil.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Fails start-up on a {@code monitor.*} name that no Vigil setting has, such as {@code monitor.helth.interval} or
 * {@code monitor.alerts.rules.x.treshold}, naming it, where it was set, and the nearest valid name.
 *
 * <p>Why this check rather than {@code @ConfigurationProperties(ignoreUnknownFields = false)}: the binder's flag
 * catches an unknown field only inside a bean it binds, so {@code monitor.helth.interval} (a top-level typo under
 * {@code monitor}, bound by several classes: {@code monitor}, {@code monitor.alerts}, {@code monitor.notices}) would
 * fail in whichever class binds first, claiming the others' keys as unknown; and its message (a
 * {@code BindException} "no setter found") neither suggests a name nor says it is Vigil's. Instead, this walks
 * every name under {@code monitor} of every iterable {@link ConfigurationPropertySource} of the environment against
 * {@link KnownSettings}, a tree derived by reflection from every {@code @ConfigurationProperties} class whose prefix
 * is {@code monitor} or below it: those registered in the context (an application's own {@code monitor.*} class
 * included) and those in Vigil's starter packages (registered or not: a switched-off feature's settings are still
 * settings), plus the {@code monitor.*} names documented in configuration metadata for switches that only a
 * condition reads ({@code monitor.dashboard.enabled}). Nothing is listed here by hand, so a property added to
 * one of these classes is known at once.
 *
 * <p>It runs as a {@link BeanFactoryPostProcessor}: after the configuration classes are read and before any bean
 * is created, so a typo fails first, before a web server starts, with one {@link UnknownSettingException} listing
 * every unknown name. Names from environment variables are not checked: {@code MONITOR_ALERTS_RULES_MY_RULE_FOR}
 * cannot be split back into a map key unambiguously, and a process environment may hold unrelated
 * {@code MONITOR_*} variables.
 */
final class UnknownSettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

    static final String PREFIX = "monitor";
    /** Where Vigil's own {@code @ConfigurationProperties} classes live. */
    static final String VIGIL_PACKAGE = "dev.vigil.spring";

    static final String ADDITIONAL_METADATA = "META-INF/additional-spring-configuration-metadata.json";

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (environment == null) {
            return;
        }
        KnownSettings known = new KnownSettings();
        for (Class<?> type : vigilClasses(beanFactory.getBeanClassLoader())) {
            known.add(prefix(type.getAnnotation(ConfigurationProperties.class)), type);
        }
        documentedNames(beanFactory.getBeanClassLoader()).forEach(known::addName);
        for (String name : beanFactory.getBeanDefinitionNames()) {
            ConfigurationProperties annotation = safely(() -> beanFactory.findAnnotationOnBean(name, ConfigurationProperties.class, false));
            Class<?> type = annotation == null ? null : safely(() -> beanFactory.getType(name, false));
            if (type != null && isMonitorPrefix(prefix(annotation))) {
                known.add(prefix(annotation), ClassUtils.getUserClass(type));
            }
        }
        List<UnknownSettingException.Entry> unknown = check(known, environment);
        if (!unknown.isEmpty()) {
            throw new UnknownSettingException(unknown);
        }
    }

    /** Every unknown {@code monitor.*} name in {@code environment}, once each, in the order of the sources. */
    static List<UnknownSettingException.Entry> check(KnownSettings known, Environment environment) {
        Map<ConfigurationPropertyName, UnknownSettingException.Entry> unknown = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable) || isEnvironmentVariables(source)) {
                continue;
            }
            iterable.filter(ROOT::isAncestorOf).forEach(name -> {
                if (unknown.containsKey(name)) {
                    return;
                }
                known.check(name).ifPresent(miss -> {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    Origin origin = property != null ? property.getOrigin() : null;
                    unknown.put(name, new UnknownSettingException.Entry(name.toString(), miss.suggestedName().orElse(null),
                            miss.level(), miss.valid(), origin != null ? origin.toString() : null));
                });
            });
        }
        return new ArrayList<>(unknown.values());
    }

    private static boolean isEnvironmentVariables(ConfigurationPropertySource source) {
        Object underlying = source.getUnderlyingSource();
        return underlying instanceof SystemEnvironmentPropertySource
                || underlying instanceof PropertySource<?> propertySource
                        && propertySource.getSource() instanceof SystemEnvironmentPropertySource;
    }

    /**
     * The {@code monitor.*} names in {@value #ADDITIONAL_METADATA} resources: switches read by conditions
     * ({@code monitor.dashboard.enabled}) rather than bound to a class are documented there for IDE completion.
     */
    static List<String> documentedNames(@Nullable ClassLoader classLoader) {
        List<String> names = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try {
            Enumeration<URL> resources = (classLoader != null ? classLoader : UnknownSettingsCheck.class.getClassLoader())
                    .getResources(ADDITIONAL_METADATA);
            while (resources.hasMoreElements()) {
                try (InputStream in = resources.nextElement().openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asText("");
                        if (name.startsWith(PREFIX + ".")) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ADDITIONAL_METADATA, e);
        }
        return names;
    }

    /** The {@code @ConfigurationProperties} classes in Vigil's starter packages with a {@code monitor} prefix. */
    static List<Class<?>> vigilClasses(@Nullable ClassLoader classLoader) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(VIGIL_PACKAGE)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader);
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            if (annotation != null && isMonitorPrefix(prefix(annotation))) {
                classes.add(type);
            }
        }
        return classes;
    }

    private static String prefix(ConfigurationProperties annotation) {
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }

    private static boolean isMonitorPrefix(String prefix) {
        return prefix.equals(PREFIX) || prefix.startsWith(PREFIX + ".");
    }

    private static <T> @Nullable T safely(java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (RuntimeException | LinkageError e) { // a bean whose type cannot be resolved is not ours to judge
            return null;
        }
    }
}
