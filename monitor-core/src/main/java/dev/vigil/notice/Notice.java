package dev.vigil.notice;

import java.time.Instant;
import java.util.Objects;

/**
 * The calm message users of an affected area see, as the public notice API gives it: which area, what to
 * say, and since when. It carries nothing internal (no check names, no errors).
 *
 * @param area the area's name, e.g. {@code media-upload}
 * @param message the user-facing message
 * @param since when the area became affected, as this instance saw it
 */
public record Notice(String area, String message, Instant since) {

    public Notice {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
    }
}
