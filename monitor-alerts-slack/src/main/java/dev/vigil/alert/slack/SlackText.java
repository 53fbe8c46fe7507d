package dev.vigil.alert.slack;

/** Escaping and length bounds for the text objects of a Slack message. Not API. */
final class SlackText {

    /** Appended to a mrkdwn text that had to be cut, e.g. a stack trace. */
    static final String TRUNCATED = "… (truncated)";

    /** Appended to a plain text (the header) that had to be cut. */
    static final String ELLIPSIS = "…";

    private SlackText() {
    }

    /**
     * Escapes {@code raw} for a mrkdwn text object and cuts it to at most {@code max} characters,
     * ending with {@link #TRUNCATED} when cut. Escaping keeps user text (a label, a message) from
     * turning into a link or a {@code <!channel>} ping.
     */
    static String mrkdwn(String raw, int max) {
        return bound(raw, max, true, TRUNCATED);
    }

    /** Cuts a plain text (no markup) to at most {@code max} characters, ending with {@code …} when cut. */
    static String plain(String raw, int max) {
        return bound(raw, max, false, ELLIPSIS);
    }

    /**
     * Slack counts characters; a Java {@code String.length()} (UTF-16 units) is never smaller, so
     * bounding it keeps us inside Slack's limit. Never splits a surrogate pair or an entity.
     */
    private static String bound(String raw, int max, boolean escape, String suffix) {
        String whole = escape ? escape(raw) : raw;
        if (whole.length() <= max) {
            return whole;
        }
        int budget = max - suffix.length();
        StringBuilder out = new StringBuilder(max);
        for (int i = 0; i < raw.length(); ) {
            int codePoint = raw.codePointAt(i);
            String piece = escape ? escape(codePoint) : new String(Character.toChars(codePoint));
            if (out.length() + piece.length() > budget) {
                break;
            }
            out.append(piece);
            i += Character.charCount(codePoint);
        }
        return out.append(suffix).toString();
    }

    private static String escape(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        raw.codePoints().forEach(codePoint -> out.append(escape(codePoint)));
        return out.toString();
    }

    /** The three characters Slack asks senders to escape in mrkdwn. */
    private static String escape(int codePoint) {
        switch (codePoint) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            default:
                return new String(Character.toChars(codePoint));
        }
    }
}
