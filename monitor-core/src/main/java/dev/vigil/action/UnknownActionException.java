package dev.vigil.action;

import java.util.Collection;
import java.util.NoSuchElementException;

/** Thrown when a trigger names an action that is not registered; the HTTP API answers 404. */
public final class UnknownActionException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    private final String actionId;

    /**
     * @param actionId the action that was asked for
     * @param registered the registered action ids, for the message
     */
    public UnknownActionException(String actionId, Collection<String> registered) {
        super("no action '" + actionId + "' is registered; registered actions: "
                + (registered.isEmpty() ? "none" : String.join(", ", registered)));
        this.actionId = actionId;
    }

    /** The action id that was asked for. */
    public String actionId() {
        return actionId;
    }
}
