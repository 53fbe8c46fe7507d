package dev.vigil.security.event;

import java.util.Arrays;
import java.util.Locale;
import dev.vigil.alert.Severity;

/** What kind of security event happened; a closed set, so the metric tag {@code type} stays bounded. */
public enum SecurityEventType {
    /** A sign-in that failed (wrong password, unknown user, locked account). */
    FAILED_LOGIN(Severity.WARNING),
    /** A request refused by a rate limit (HTTP 429). */
    RATE_LIMITED(Severity.INFO),
    /** A request without valid credentials (HTTP 401). */
    UNAUTHORIZED(Severity.INFO),
    /** A request with credentials that do not allow it (HTTP 403). */
    FORBIDDEN(Severity.INFO),
    /** A path or query carrying an SQL-injection signature such as {@code ' or 1=1} or {@code union select}. */
    SQL_INJECTION_ATTEMPT(Severity.WARNING),
    /** A path or query carrying a cross-site-scripting signature such as {@code <script} or {@code onerror=}. */
    XSS_ATTEMPT(Severity.WARNING),
    /** A path or query climbing directories with {@code ../}. */
    PATH_TRAVERSAL_ATTEMPT(Severity.WARNING),
    /** Anything else the host records itself. */
    CUSTOM(Severity.INFO);

    private final Severity defaultSeverity;

    SecurityEventType(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    /** The severity an event of this type gets unless the recorder is told otherwise. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Lower-case name as used in JSON, query parameters and the metric tag: {@code failed_login}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type named {@code text} ({@code failed_login}, case-insensitive).
     *
     * @throws IllegalArgumentException naming the known types when there is none
     */
    public static SecurityEventType fromJson(String text) {
        for (SecurityEventType type : values()) {
            if (type.jsonName().equalsIgnoreCase(text.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown security event type '" + text + "'; known: "
                + Arrays.stream(values()).map(SecurityEventType::jsonName).toList());
    }
}
