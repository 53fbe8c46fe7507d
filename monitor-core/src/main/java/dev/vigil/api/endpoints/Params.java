package dev.vigil.api.endpoints;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import dev.vigil.api.BodyField;
import dev.vigil.internal.HumanText;

/** Query parameters several operations share, and how their text is read. */
final class Params {

    /** {@code limit}: how many entries, 1..1000 (default 100). */
    static final BodyField LIMIT = BodyField.integer("limit").between(1, 1000).describedAs("how many, newest first (default 100)");
    /** {@code since}: an ISO-8601 instant, or a duration back from now such as {@code 24h}. */
    static final BodyField SINCE = BodyField.string("since").maxLength(40)
            .describedAs("an ISO-8601 instant, or a duration back from now such as 24h");

    private Params() {
    }

    /** An ISO-8601 instant, or now minus a duration ({@code since=24h} means the last 24 hours). */
    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return Instant.now().minus(HumanText.parseDuration(text));
            } catch (IllegalArgumentException notADuration) {
                throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 instant nor a duration like 24h");
            }
        }
    }
}
