package dev.vigil.api.endpoints;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.vigil.api.ApiException;
import dev.vigil.api.Arguments;
import dev.vigil.api.BodyField;
import dev.vigil.api.InputSchema;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.briefing.Briefing;
import dev.vigil.briefing.BriefingService;
import dev.vigil.briefing.BriefingText;
import dev.vigil.briefing.StoredBriefing;
import dev.vigil.internal.Json;
import dev.vigil.security.Role;

/**
 * The daily briefing: the latest stored one (or a date's), and the live one of today so far. JSON by default;
 * chat-ready markdown with {@code ?format=text} or {@code Accept: text/markdown}.
 */
public final class BriefingEndpoints {

    /** Content type of the text rendering. */
    public static final String MARKDOWN = "text/markdown";

    private static final BodyField FORMAT = BodyField.oneOf("format", "json", "text")
            .describedAs("json (default) or text: the chat-ready markdown; Accept: text/markdown also asks for text");
    private static final BodyField DATE = BodyField.string("date").maxLength(10)
            .describedAs("the day reported on, YYYY-MM-DD; default the latest stored");
    private static final String ACCEPT = "Accept";

    private final BriefingService briefings;

    private BriefingEndpoints(BriefingService briefings) {
        this.briefings = briefings;
    }

    /** The operations {@code briefing} ({@code GET /briefing}) and {@code briefing.now} ({@code GET /briefing/now}). */
    public static List<Operation> operations(BriefingService briefings) {
        BriefingEndpoints endpoints = new BriefingEndpoints(briefings);
        return List.of(
                Operation.get("briefing", "/briefing")
                        .role(Role.READ)
                        .description("The latest stored daily briefing, or the one of ?date=YYYY-MM-DD; JSON, or chat text"
                                + " with ?format=text or Accept: text/markdown")
                        .input(InputSchema.builder().query(DATE).query(FORMAT)
                                .header(ACCEPT, "text/markdown asks for the chat text").build())
                        .handler((caller, arguments) -> endpoints.stored(arguments))
                        .build(),
                Operation.get("briefing.now", "/briefing/now")
                        .role(Role.READ)
                        .description("The briefing of today so far, built now; JSON, or chat text with ?format=text or"
                                + " Accept: text/markdown")
                        .input(InputSchema.builder().query(FORMAT)
                                .header(ACCEPT, "text/markdown asks for the chat text").build())
                        .handler((caller, arguments) -> endpoints.live(arguments))
                        .build());
    }

    private Result stored(Arguments arguments) {
        Optional<String> dateText = arguments.string("date");
        Optional<StoredBriefing> found;
        String missing;
        if (dateText.isPresent()) {
            LocalDate date = date(dateText.get());
            found = briefings.stored(date);
            missing = "No briefing is stored for " + date + ".";
        } else {
            found = briefings.latest();
            missing = "No briefing is stored yet.";
        }
        if (found.isEmpty()) {
            throw new ApiException(404, "not_found", missing + " Briefings are made on the schedule '"
                    + briefings.settings().schedule() + "' (" + briefings.settings().zone() + ") for the day before"
                    + (briefings.settings().enabled() ? "" : ", which is off (monitor.briefing.enabled=false)")
                    + "; GET briefing/now shows today so far.", dateText.isPresent() ? "date" : null);
        }
        StoredBriefing briefing = found.get();
        if (wantsText(arguments)) {
            return Result.text(MARKDOWN, briefing.text());
        }
        try {
            return Result.ok(Json.mapper().readTree(briefing.json()));
        } catch (IOException e) {
            throw new IllegalStateException("the stored briefing of " + briefing.date() + " is not JSON", e);
        }
    }

    private Result live(Arguments arguments) {
        Briefing briefing = briefings.now();
        return wantsText(arguments) ? Result.text(MARKDOWN, BriefingText.render(briefing)) : Result.ok(briefing);
    }

    private static boolean wantsText(Arguments arguments) {
        Optional<String> format = arguments.string("format");
        if (format.isPresent()) {
            return format.get().equals("text");
        }
        return arguments.header(ACCEPT).map(accept -> accept.toLowerCase(Locale.ROOT).contains(MARKDOWN)).orElse(false);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_field", "date must be a day as YYYY-MM-DD, e.g. 2026-03-14; was '" + text
                    + "'", "date");
        }
    }
}
