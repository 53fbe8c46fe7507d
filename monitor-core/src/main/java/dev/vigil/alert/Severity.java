package dev.vigil.alert;

import java.util.Locale;

/** How urgent an alert is, and so where it is routed: critical pages, warning informs, info is logged. */
public enum Severity {
    /** Worth recording: logged only by default. */
    INFO,
    /** Needs attention soon: chat and (batched) email by default. */
    WARNING,
    /** Needs attention now: every configured sink, immediately. */
    CRITICAL;

    /** Lower-case name as used in JSON and configuration. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
