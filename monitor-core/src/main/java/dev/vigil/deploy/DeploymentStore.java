package dev.vigil.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The deployments of the service, shared by every instance. Recording is idempotent and merges: the same id again
 * keeps the earliest time and the first description and source, and adds its instances to the list. The briefing
 * and incident views ask "what was deployed in this window" ({@link #between}) and "what was live at that moment"
 * ({@link #latestBefore}).
 */
public interface DeploymentStore {

    /** Records {@code deployment}, merged into the one stored under its id if there is one; returns what is stored. */
    Deployment record(Deployment deployment);

    /** The newest {@code limit} deployments (1..1,000), newest first, only those at or after {@code since} when given. */
    List<Deployment> recent(@Nullable Instant since, int limit);

    /** The deployments with {@code from <= time < to}, oldest first, at most 1,000. */
    List<Deployment> between(Instant from, Instant to);

    /** The newest deployment at or before {@code instant}: what was live then. */
    Optional<Deployment> latestBefore(Instant instant);
}
