package dev.vigil.incident;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The known fix Vigil suggests for an incident, with its record so far.
 *
 * @param name the known fix
 * @param action the action to run
 * @param successes runs after which the incident was resolved within the window
 * @param failures runs after which it was not
 * @param auto whether Vigil runs it itself
 */
public record FixSuggestion(String name, String action, long successes, long failures, boolean auto) {

    public FixSuggestion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
    }

    /** Successes over judged runs, 0 before any. */
    public double successRate() {
        long runs = successes + failures;
        return runs == 0 ? 0 : (double) successes / runs;
    }

    /** As the API shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("action", action);
        json.put("successes", successes);
        json.put("failures", failures);
        json.put("successRate", successRate());
        json.put("auto", auto);
        return json;
    }
}
