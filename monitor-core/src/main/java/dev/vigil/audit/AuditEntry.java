package dev.vigil.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit trail: who did what to which subject, when, and how it ended. Action triggers,
 * read-only queries and runtime configuration changes all leave one, whatever their outcome.
 *
 * @param id unique id, returned to the caller (e.g. the {@code auditId} of a triggered action)
 * @param time when it happened
 * @param type what kind of operation it was
 * @param who who asked for it, e.g. {@code admin}, {@code auto-fix:curation-stalled}
 * @param subject what it was about: the action id, {@code run-query}, the configuration key
 * @param details JSON-friendly facts (parameters, duration, old and new value...)
 * @param outcome how it ended, e.g. {@code succeeded}, {@code failed}, {@code rejected}, {@code changed}
 * @param error why it failed or was refused, if it did
 */
public record AuditEntry(String id, Instant time, Type type, String who, String subject, Map<String, Object> details,
        String outcome, @Nullable String error) {

    /** The kind of audited operation. */
    public enum Type {
        /** A remediation action was triggered. */
        ACTION,
        /** A read-only query was run. */
        QUERY,
        /** A runtime configuration switch was changed. */
        CONFIG,
        /** An incident was acknowledged or resolved, or bound to a known fix. */
        INCIDENT,
        /** An AI assistant called a tool of the MCP endpoint (reads too), as the caller whose token it holds. */
        TOOL;

        /** Lower-case name as used in JSON and in queries. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The type named {@code text} ({@code action}, {@code query}, {@code config}, {@code incident}, {@code tool}; any case).
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Type fromJson(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("type must be action, query, config, incident or tool; was '" + text + "'");
            }
        }
    }

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(outcome, "outcome");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }

    /** A new random id for an entry. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The error, if there was one. */
    public Optional<String> problem() {
        return Optional.ofNullable(error);
    }

    /** This entry as the admin API shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("time", time.toString());
        json.put("type", type.jsonName());
        json.put("who", who);
        json.put("subject", subject);
        json.put("outcome", outcome);
        if (error != null) {
            json.put("error", error);
        }
        json.put("details", details);
        return json;
    }
}
