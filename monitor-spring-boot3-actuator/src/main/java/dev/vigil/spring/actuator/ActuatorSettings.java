package dev.vigil.spring.actuator;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.LinkedHashSet;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * How Vigil and Spring Boot Actuator share health, from {@code monitor.actuator.*}: the same keys on Boot 3.5 and 4
 * (the starter's {@code MonitorProperties.Actuator} documents them for the IDE).
 *
 * @param contributor whether the {@code vigil} health contributor is registered with Actuator
 * @param importIndicators whether Actuator's indicators become Vigil checks named {@code actuator.<name>}
 * @param critical whether those imported checks are critical (DOWN makes the service DOWN)
 * @param excludedIndicators Actuator names never imported, besides {@code vigil} itself and those Vigil's own checks
 *        cover ({@link ActuatorBridge#COVERED})
 */
public record ActuatorSettings(boolean contributor, boolean importIndicators, boolean critical,
        Set<String> excludedIndicators) {

    /** Indicators not imported unless configured otherwise: they say nothing about a dependency. */
    public static final List<String> DEFAULT_EXCLUDED = List.of("ping", "livenessState", "readinessState");

    public ActuatorSettings {
        excludedIndicators = Set.copyOf(Objects.requireNonNull(excludedIndicators, "excludedIndicators"));
    }

    /** The settings of {@code monitor.actuator.*} in {@code environment}. */
    public static ActuatorSettings from(Environment environment) {
        Binder binder = Binder.get(environment);
        Set<String> excluded = new LinkedHashSet<>();
        List<String> configured = binder.bind("monitor.actuator.indicators.exclude", Bindable.listOf(String.class))
                .orElse(DEFAULT_EXCLUDED);
        for (String name : configured) {
            if (!name.isBlank()) {
                excluded.add(name.strip());
            }
        }
        return new ActuatorSettings(
                binder.bind("monitor.actuator.contributor", Boolean.class).orElse(true),
                binder.bind("monitor.actuator.indicators.enabled", Boolean.class).orElse(true),
                binder.bind("monitor.actuator.indicators.critical", Boolean.class).orElse(true),
                excluded);
    }

    /** The defaults: contributor on, indicators imported as critical checks, {@link #DEFAULT_EXCLUDED} left out. */
    public static ActuatorSettings ofDefaults() {
        return new ActuatorSettings(true, true, true, Set.copyOf(DEFAULT_EXCLUDED));
    }
}
