package dev.vigil.deploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A {@link DeploymentStore} in memory keeping the newest {@code capacity} deployments; lost on a restart. */
public final class MemoryDeploymentStore implements DeploymentStore {

    /** 1,000 deployments unless configured otherwise. */
    public static final int DEFAULT_CAPACITY = 1_000;

    private static final Comparator<Deployment> OLDEST_FIRST = Comparator.comparing(Deployment::time)
            .thenComparing(Deployment::id);

    private final int capacity;
    private final Map<String, Deployment> byId = new LinkedHashMap<>(); // guarded by this

    /** A store keeping {@value #DEFAULT_CAPACITY} deployments. */
    public MemoryDeploymentStore() {
        this(DEFAULT_CAPACITY);
    }

    /** A store keeping the newest {@code capacity} deployments (at least 1). */
    public MemoryDeploymentStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("deployment capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized Deployment record(Deployment deployment) {
        Objects.requireNonNull(deployment, "deployment");
        Deployment merged = byId.merge(deployment.id(), deployment, MemoryDeploymentStore::merge);
        while (byId.size() > capacity) {
            Deployment oldest = byId.values().stream().min(OLDEST_FIRST).orElseThrow();
            byId.remove(oldest.id());
        }
        return merged;
    }

    /** The stored deployment with {@code added}'s instances, at the earlier of both times. */
    static Deployment merge(Deployment stored, Deployment added) {
        Set<String> instances = new LinkedHashSet<>(stored.instances());
        instances.addAll(added.instances());
        Instant time = added.time().isBefore(stored.time()) ? added.time() : stored.time();
        return new Deployment(stored.id(), stored.version(), stored.commit(), time, new ArrayList<>(instances),
                stored.environment(), stored.description() != null ? stored.description() : added.description(),
                stored.source());
    }

    @Override
    public synchronized List<Deployment> recent(@Nullable Instant since, int limit) {
        checkLimit(limit);
        return byId.values().stream()
                .filter(deployment -> since == null || !deployment.time().isBefore(since))
                .sorted(OLDEST_FIRST.reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Deployment> between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return byId.values().stream()
                .filter(deployment -> !deployment.time().isBefore(from) && deployment.time().isBefore(to))
                .sorted(OLDEST_FIRST)
                .limit(1_000)
                .toList();
    }

    @Override
    public synchronized Optional<Deployment> latestBefore(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return byId.values().stream().filter(deployment -> !deployment.time().isAfter(instant)).max(OLDEST_FIRST);
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
    }
}
