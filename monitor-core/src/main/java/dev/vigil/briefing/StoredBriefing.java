package dev.vigil.briefing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A briefing as stored: its JSON and its chat text as they were rendered when it was built, so a stored
 * report reads the same whatever changes later.
 *
 * @param date the day it reports on
 * @param generatedAt when it was built
 * @param instance the instance that built it
 * @param json the briefing as JSON
 * @param text the briefing as chat-ready markdown
 */
public record StoredBriefing(LocalDate date, Instant generatedAt, String instance, String json, String text) {

    public StoredBriefing {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(text, "text");
    }
}
