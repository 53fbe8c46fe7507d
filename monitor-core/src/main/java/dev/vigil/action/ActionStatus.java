package dev.vigil.action;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A registered action with the state of its guardrails, as {@link ActionService#actions()} lists it.
 *
 * @param id the action id
 * @param description what it does
 * @param severity how dangerous it is
 * @param parameters its declared parameters
 * @param timeout how long one run may take
 * @param cooldown the least time between the starts of two runs
 * @param requiresApproval whether a trigger needs approval now (critical and approval required)
 * @param running whether a run is under way
 * @param runsLastHour runs started in the last hour
 * @param maxPerHour runs allowed in any rolling hour now
 * @param cooldownRemaining how much of the cooldown is left (zero if none)
 * @param nextAllowedAt when it may run again, if the rate limit or the cooldown holds it back now
 * @param lastRunAt when its last run started, if it ran
 * @param lastOutcome how its last trigger ended, of any kind, if it was triggered
 */
public record ActionStatus(String id, String description, ActionSeverity severity, List<ActionParameter> parameters,
        Duration timeout, Duration cooldown, boolean requiresApproval, boolean running, int runsLastHour, int maxPerHour,
        Duration cooldownRemaining, @Nullable Instant nextAllowedAt, @Nullable Instant lastRunAt,
        @Nullable TriggerOutcome lastOutcome) {

    public ActionStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(cooldownRemaining, "cooldownRemaining");
        parameters = List.copyOf(parameters);
    }

    /** This status as the admin API lists it; durations in milliseconds. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("description", description);
        json.put("severity", severity.jsonName());
        json.put("parameters", parameters.stream().map(ActionParameter::toJson).toList());
        json.put("timeoutMs", timeout.toMillis());
        json.put("cooldownMs", cooldown.toMillis());
        json.put("requiresApproval", requiresApproval);
        json.put("running", running);
        json.put("runsLastHour", runsLastHour);
        json.put("maxPerHour", maxPerHour);
        json.put("cooldownRemainingMs", cooldownRemaining.toMillis());
        json.put("nextAllowedAt", nextAllowedAt == null ? null : nextAllowedAt.toString());
        json.put("lastRunAt", lastRunAt == null ? null : lastRunAt.toString());
        json.put("lastOutcome", lastOutcome == null ? null : lastOutcome.toJson());
        return json;
    }
}
