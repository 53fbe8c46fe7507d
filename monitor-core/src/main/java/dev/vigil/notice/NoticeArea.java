package dev.vigil.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A part of the host's site that users see as one thing, e.g. {@code media-upload}: the route prefixes it
 * covers, the health checks and alert rules that affect it, and the message its users get while it is
 * affected (the default message when none is given).
 *
 * <p>Prefixes match whole segments: {@code /media-upload} covers {@code /media-upload} and
 * {@code /media-upload/42}, not {@code /media-uploads}.
 *
 * @param name lower-case letters, digits and {@code -}, at most 64 characters
 * @param paths route prefixes, each starting with {@code /}, without trailing slash, query or fragment
 * @param checks names of health checks that affect the area when not UP
 * @param rules names of alert rules that affect the area when firing
 * @param message the user-facing message, or null for the default
 */
public record NoticeArea(String name, List<String> paths, Set<String> checks, Set<String> rules, @Nullable String message) {

    /** Longest route prefix an area may name. */
    public static final int MAX_PATH_LENGTH = 200;
    /** Longest message an area may show. */
    public static final int MAX_MESSAGE_LENGTH = 500;

    public NoticeArea {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("monitor.notices.areas: an area name is lower-case letters, digits and '-',"
                    + " at most 64 characters, was '" + name + "'");
        }
        List<String> normalized = new ArrayList<>();
        for (String path : Objects.requireNonNull(paths, "paths")) {
            normalized.add(normalize(name, path));
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("monitor.notices.areas." + name + ".paths: at least one route prefix is needed");
        }
        paths = List.copyOf(normalized);
        checks = Set.copyOf(checks);
        rules = Set.copyOf(rules);
        if (message != null && (message.isBlank() || message.length() > MAX_MESSAGE_LENGTH)) {
            throw new IllegalArgumentException("monitor.notices.areas." + name + ".message: 1-" + MAX_MESSAGE_LENGTH
                    + " characters, or none for the default message");
        }
    }

    /** An area covering {@code paths}, affected by nothing yet, with the default message. */
    public static NoticeArea of(String name, String... paths) {
        return new NoticeArea(name, List.of(paths), Set.of(), Set.of(), null);
    }

    /** This area, also affected by these health checks when they are not UP. */
    public NoticeArea withChecks(String... names) {
        return new NoticeArea(name, paths, Set.of(names), rules, message);
    }

    /** This area, also affected by these alert rules while they fire. */
    public NoticeArea withRules(String... names) {
        return new NoticeArea(name, paths, checks, Set.of(names), message);
    }

    /** This area with its own user-facing message. */
    public NoticeArea withMessage(String text) {
        return new NoticeArea(name, paths, checks, rules, Objects.requireNonNull(text, "message"));
    }

    /** The area's own message, if it has one. */
    public Optional<String> ownMessage() {
        return Optional.ofNullable(message);
    }

    /** Whether {@code path} is one of the area's prefixes or lies below one (whole segments only). */
    public boolean covers(String path) {
        return matchLength(path, 0) >= 0;
    }

    /**
     * The length of the longest of the area's prefixes that covers {@code path} from index {@code from}, or
     * -1; reads the path in place, without allocating.
     */
    int matchLength(String path, int from) {
        int best = -1;
        for (String prefix : paths) {
            if (prefix.length() > best && coversAt(prefix, path, from)) {
                best = prefix.length();
            }
        }
        return best;
    }

    static boolean coversAt(String prefix, String path, int from) {
        if (prefix.equals("/")) {
            return path.length() > from && path.charAt(from) == '/';
        }
        int end = from + prefix.length();
        if (!path.regionMatches(from, prefix, 0, prefix.length())) {
            return false;
        }
        if (path.length() == end) {
            return true;
        }
        char next = path.charAt(end);
        return next == '/' || next == '?' || next == '#' || next == ';';
    }

    private static String normalize(String area, String path) {
        Objects.requireNonNull(path, "path");
        String trimmed = path.strip();
        if (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.startsWith("/") || trimmed.length() > MAX_PATH_LENGTH || trimmed.contains("//")
                || !trimmed.matches("[A-Za-z0-9/._~!$&'()*+,=:@%-]+")) {
            throw new IllegalArgumentException("monitor.notices.areas." + area + ".paths: a route prefix starts with '/' and"
                    + " has no query, fragment or blank (at most " + MAX_PATH_LENGTH + " characters), was '" + path + "'");
        }
        return trimmed;
    }
}
