package dev.vigil.api.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.vigil.action.ActionService;
import dev.vigil.action.ActionStatus;
import dev.vigil.action.PendingApproval;
import dev.vigil.action.TriggerOutcome;
import dev.vigil.action.TriggerRequest;
import dev.vigil.action.UnknownActionException;
import dev.vigil.api.ApiException;
import dev.vigil.api.Arguments;
import dev.vigil.api.BodyField;
import dev.vigil.api.BodySpec;
import dev.vigil.api.InputSchema;
import dev.vigil.api.JsonBody;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;

/**
 * Remediation actions: the list with their guard state, the critical ones waiting for approval, and triggering one
 * through the guardrails as the caller.
 */
public final class ActionEndpoints {

    /** {@code POST /trigger-action}. */
    static final BodySpec TRIGGER_ACTION = BodySpec.of(
            BodyField.string("action").required().describedAs("the registered action's id"),
            BodyField.object("params").describedAs("the action's parameters, as it declares them"),
            BodyField.string("approvalToken").maxLength(200)
                    .describedAs("approves a critical action: the token its pending_approval outcome returned"));

    private ActionEndpoints() {
    }

    /**
     * The {@code actions}, {@code approvals} and {@code trigger-action} operations.
     *
     * @param actions the registered actions and their guardrails
     * @param clock when a rate-limited caller may retry
     */
    public static List<Operation> operations(ActionService actions, Clock clock) {
        return List.of(
                Operation.get("actions", "/actions")
                        .role(Role.READ)
                        .description("The registered actions with their parameters and guard state")
                        .handler((caller, arguments) -> Result.ok(Map.of("actions",
                                actions.actions().stream().map(ActionStatus::toJson).toList())))
                        .build(),
                Operation.get("approvals", "/approvals")
                        .role(Role.OPERATOR)
                        .description("The critical actions waiting for a second caller's approval, newest first, without"
                                + " their tokens")
                        .handler((caller, arguments) -> approvals(actions))
                        .build(),
                Operation.post("trigger-action", "/trigger-action")
                        .role(Role.OPERATOR)
                        .description("Runs a remediation action as the caller, through the kill switch, rate limit, cooldown"
                                + " and, for a critical one, a second caller's approval")
                        .input(InputSchema.builder()
                                .header("Idempotency-Key", "a repeat with the same key gets the first run's outcome")
                                .body(TRIGGER_ACTION)
                                .build())
                        .handler((caller, arguments) -> trigger(actions, clock, caller, arguments))
                        .build());
    }

    private static Result approvals(ActionService actions) {
        try {
            return Result.ok(Map.of("approvals", actions.pendingApprovals().stream().map(PendingApproval::toJson).toList()));
        } catch (IllegalStateException e) {
            throw new ApiException(503, "store_unavailable", e.getMessage(), null);
        }
    }

    private static Result trigger(ActionService actions, Clock clock, Caller caller, Arguments arguments) {
        JsonBody body = arguments.body();
        TriggerRequest trigger = TriggerRequest.of(body.string("action").orElseThrow(), body.object("params"), caller)
                .withIdempotencyKey(arguments.header("Idempotency-Key").orElse(null))
                .withApprovalToken(body.string("approvalToken").orElse(null));
        TriggerOutcome outcome;
        try {
            outcome = actions.trigger(trigger);
        } catch (UnknownActionException e) {
            throw new ApiException(404, "not_found", e.getMessage(), null);
        }
        int status = status(outcome);
        Result result = Result.of(status, outcome.toJson());
        if (outcome.replayed()) {
            result = result.withHeader("Idempotent-Replayed", "true");
        }
        if (status == 429 && outcome.nextAllowedAt() != null) {
            long seconds = Math.max(1, Duration.between(clock.instant(), outcome.nextAllowedAt()).toSeconds());
            result = result.withHeader("Retry-After", Long.toString(seconds));
        }
        return result;
    }

    /** How each outcome answers over HTTP: ran (either way) 200, waiting for approval 202, refused 4xx/503. */
    private static int status(TriggerOutcome outcome) {
        return switch (outcome.status()) {
            case SUCCEEDED, FAILED -> 200;
            case PENDING_APPROVAL -> 202;
            case REJECTED -> switch (outcome.rejectionReason().orElseThrow()) {
                case RATE_LIMITED, COOLDOWN -> 429;
                case KILL_SWITCH, BUSY -> 503;
                case ALREADY_RUNNING, IDEMPOTENCY_CONFLICT -> 409;
                case APPROVAL_INVALID, APPROVAL_BY_REQUESTER, NEEDS_APPROVAL -> 403;
                case INVALID_PARAMETERS -> 400;
            };
        };
    }
}
