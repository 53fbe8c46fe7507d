package dev.vigil.spring.boot;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Start-up failed because the configuration names {@code monitor.*} settings that Vigil does not have, most often a
 * typo ({@code monitor.helth.interval}). The message names each one, where it was set, and the nearest valid name;
 * Spring Boot prints it as a failure analysis.
 */
public final class UnknownSettingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<Entry> entries;

    /** @param entries the unknown names, at least one */
    public UnknownSettingException(List<Entry> entries) {
        super(describe(entries));
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no unknown setting");
        }
        this.entries = List.copyOf(entries);
    }

    /** The unknown names, in the order of the property sources that set them. */
    public List<Entry> entries() {
        return entries;
    }

    /** One line per unknown name: {@code monitor.helth.interval is not a Vigil setting; did you mean ...?}. */
    static String describe(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(entry.describe());
        }
        return out.toString();
    }

    /**
     * One unknown name.
     *
     * @param name the name as configured
     * @param suggestion the nearest valid name, if one is near
     * @param level the valid part of the name, whose valid children are {@code valid}
     * @param valid the valid names at the level where {@code name} goes wrong
     * @param origin where it was set ({@code class path resource [application.yml] - 12:5}), if known
     */
    public record Entry(String name, @Nullable String suggestion, String level, List<String> valid, @Nullable String origin) {

        /** Validates and copies. */
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(level, "level");
            valid = List.copyOf(valid);
        }

        /** {@code monitor.helth.interval is not a Vigil setting; did you mean monitor.health.interval? (from ...)} */
        public String describe() {
            StringBuilder out = new StringBuilder(name).append(" is not a Vigil setting");
            if (suggestion != null) {
                out.append("; did you mean ").append(suggestion).append('?');
            } else if (!valid.isEmpty()) {
                out.append("; the settings under ").append(level).append(" are ").append(String.join(", ", valid));
            }
            if (origin != null) {
                out.append(" (").append(origin).append(')');
            }
            return out.toString();
        }
    }
}
