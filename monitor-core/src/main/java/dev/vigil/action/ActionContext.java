package dev.vigil.action;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * What an {@link Action} receives for one run: its validated parameters, who triggered it, the id of
 * the audit entry the run is recorded under, its deadline, and whether it has been cancelled.
 *
 * <p>Cancellation: when the run's timeout passes (or the run is abandoned) the context is marked
 * cancelled and the action's thread is interrupted. Blocking calls that honour interruption
 * ({@code Thread.sleep}, {@code Future.get}, most I/O on interruptible channels) stop by themselves;
 * loops should call {@link #throwIfCancelled()} between steps.
 */
public final class ActionContext {

    private final String actionId;
    private final Map<String, Object> params;
    private final String who;
    private final String auditId;
    private final Instant deadline;
    private volatile boolean cancelled;

    ActionContext(String actionId, Map<String, Object> params, String who, String auditId, Instant deadline) {
        this.actionId = Objects.requireNonNull(actionId, "actionId");
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.who = Objects.requireNonNull(who, "who");
        this.auditId = Objects.requireNonNull(auditId, "auditId");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * A context for calling an action directly, e.g. in the host's own unit tests: never cancelled, no
     * deadline, audit id {@code test}.
     */
    public static ActionContext of(String actionId, Map<String, ?> params, String who) {
        return new ActionContext(actionId, new LinkedHashMap<>(params), who, "test", Instant.MAX);
    }

    /** The id of the action being run. */
    public String actionId() {
        return actionId;
    }

    /** The validated parameters: {@link String}, {@link Long}, {@link Double} or {@link Boolean} values. */
    public Map<String, Object> params() {
        return params;
    }

    /**
     * One parameter, if it was given.
     *
     * @param type {@code String.class}, {@code Long.class}, {@code Double.class} or {@code Boolean.class}
     * @throws ClassCastException if the parameter has another type than its declaration promises
     */
    public <T> Optional<T> param(String name, Class<T> type) {
        return Optional.ofNullable(params.get(name)).map(type::cast);
    }

    /** Who triggered the run, e.g. {@code admin} or {@code auto-fix:curation-stalled}. */
    public String who() {
        return who;
    }

    /** The id of the audit entry this run is recorded under. */
    public String auditId() {
        return auditId;
    }

    /** When the run times out. */
    public Instant deadline() {
        return deadline;
    }

    /** Whether the run has timed out or was abandoned; the action should stop as soon as it can. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Stops the action if the run was cancelled.
     *
     * @throws CancellationException if it was
     */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("action '" + actionId + "' was cancelled");
        }
    }

    void cancel() {
        cancelled = true;
    }
}
