package dev.vigil.action;

/**
 * A named remediation the host offers, such as {@code start_curation} or {@code clear_cache}, registered
 * with an {@link ActionRegistration} and run by the {@link ActionService} behind its guardrails.
 *
 * <pre>{@code
 * Action clearCache = context -> {
 *     String region = context.param("region", String.class).orElse("all");
 *     int cleared = cache.clear(region);
 *     return ActionResult.succeeded("cleared " + cleared + " entries").withDetail("cleared", cleared);
 * };
 * }</pre>
 *
 * <p>An action runs on an action thread, never on the request's thread, and must finish within its
 * registration's timeout: when the time is up the thread is interrupted and the run is reported as
 * failed. Long work should block interruptibly or check {@link ActionContext#isCancelled()}.
 */
@FunctionalInterface
public interface Action {

    /**
     * Does the work once.
     *
     * @param context the validated parameters, who triggered it, the audit id and cancellation
     * @return what happened; throwing is reported as a failed run with the exception's message
     * @throws Exception if the work failed
     */
    ActionResult run(ActionContext context) throws Exception;
}
