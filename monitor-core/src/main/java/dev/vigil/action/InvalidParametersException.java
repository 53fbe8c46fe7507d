package dev.vigil.action;

import java.util.List;

/**
 * Thrown when a trigger's parameters do not match the action's declared parameters: unknown, missing,
 * of the wrong type or out of range. It lists every problem; the HTTP API answers 400 with its message.
 */
public final class InvalidParametersException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String actionId;
    private final List<String> problems;

    /**
     * @param actionId the action whose parameters were refused
     * @param problems one sentence per problem, e.g. "parameter 'limit' must be at most 100, was 500"
     */
    public InvalidParametersException(String actionId, List<String> problems) {
        super("invalid parameters for action '" + actionId + "': " + String.join("; ", problems));
        this.actionId = actionId;
        this.problems = List.copyOf(problems);
    }

    /** The action whose parameters were refused. */
    public String actionId() {
        return actionId;
    }

    /** One sentence per problem. */
    public List<String> problems() {
        return problems;
    }
}
