package dev.vigil.alert.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;

/**
 * One routing rule: which notifications it matches (severities and label equality) and which sinks
 * receive them, after how long a group wait.
 *
 * <p>Routes are tried in order as in Alertmanager: the first matching route wins, unless it has
 * {@link #continueMatching()}, in which case the routes after it are tried too and every matching
 * route contributes its sinks.
 *
 * <pre>{@code
 * Route.builder().severities(Severity.WARNING).to("email").groupWait(Duration.ofMinutes(5)).continueMatching(true).build();
 * }</pre>
 *
 * @param severities severities this route matches; empty matches every severity
 * @param matchLabels labels the alert must carry with exactly these values; empty matches every alert
 * @param sinks names of the sinks that receive matching notifications, at least one
 * @param groupWait how long a notification waits so that others for the same sink can join its batch;
 *        zero sends immediately
 * @param continueMatching whether the routes after this one are still tried when it matches
 */
public record Route(
        Set<Severity> severities,
        Map<String, String> matchLabels,
        List<String> sinks,
        Duration groupWait,
        boolean continueMatching) {

    public Route {
        Objects.requireNonNull(severities, "severities");
        Objects.requireNonNull(matchLabels, "matchLabels");
        Objects.requireNonNull(sinks, "sinks");
        Objects.requireNonNull(groupWait, "groupWait");
        severities = severities.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Severity.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(severities));
        matchLabels = Collections.unmodifiableMap(new TreeMap<>(matchLabels));
        sinks = List.copyOf(sinks);
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one sink");
        }
        for (String sink : sinks) {
            if (sink.isBlank()) {
                throw new IllegalArgumentException("a route's sink names must not be blank");
            }
        }
        if (groupWait.isNegative()) {
            throw new IllegalArgumentException("a route's group-wait must not be negative, was " + groupWait);
        }
    }

    /** A builder for a route that matches everything until told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether this route matches the notification's alert (severity and every label matcher). */
    public boolean matches(Notification notification) {
        if (!severities.isEmpty() && !severities.contains(notification.alert().severity())) {
            return false;
        }
        Map<String, String> labels = notification.alert().labels();
        for (Map.Entry<String, String> matcher : matchLabels.entrySet()) {
            if (!matcher.getValue().equals(labels.get(matcher.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Builds a {@link Route}. */
    public static final class Builder {
        private final Set<Severity> severities = EnumSet.noneOf(Severity.class);
        private final Map<String, String> matchLabels = new LinkedHashMap<>();
        private final List<String> sinks = new ArrayList<>();
        private Duration groupWait = Duration.ZERO;
        private boolean continueMatching;

        private Builder() {
        }

        /** Matches only these severities (default: every severity). */
        public Builder severities(Severity... severities) {
            this.severities.addAll(List.of(severities));
            return this;
        }

        /** Matches only these severities (default: every severity). */
        public Builder severities(Set<Severity> severities) {
            this.severities.addAll(severities);
            return this;
        }

        /** Matches only alerts whose label {@code name} equals {@code value}. */
        public Builder matchLabel(String name, String value) {
            matchLabels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sends matching notifications to these sinks. */
        public Builder to(String... sinks) {
            this.sinks.addAll(List.of(sinks));
            return this;
        }

        /** Sends matching notifications to these sinks. */
        public Builder to(List<String> sinks) {
            this.sinks.addAll(sinks);
            return this;
        }

        /** How long a notification waits for others to join its batch (default zero: immediately). */
        public Builder groupWait(Duration groupWait) {
            this.groupWait = Objects.requireNonNull(groupWait, "groupWait");
            return this;
        }

        /** Whether later routes are still tried when this one matches (default false: first match wins). */
        public Builder continueMatching(boolean continueMatching) {
            this.continueMatching = continueMatching;
            return this;
        }

        /** Validates and builds. */
        public Route build() {
            return new Route(severities, matchLabels, sinks, groupWait, continueMatching);
        }
    }
}
