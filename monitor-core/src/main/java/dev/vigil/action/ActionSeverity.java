package dev.vigil.action;

import java.util.Locale;

/** How dangerous an action is; critical actions may need a human's approval before they run. */
public enum ActionSeverity {
    /** Safe to run whenever the guardrails allow, e.g. clearing a cache. */
    NORMAL,
    /**
     * Disruptive, e.g. restarting a server: while {@code actions.require-approval-for-critical} is on it
     * runs only after a second, approving call, and never from auto-remediation.
     */
    CRITICAL;

    /** Lower-case name as used in JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
