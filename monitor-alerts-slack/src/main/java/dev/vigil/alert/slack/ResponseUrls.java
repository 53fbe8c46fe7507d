package dev.vigil.alert.slack;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The allow-list of {@code response_url}s Vigil posts to: a URL from an interaction payload is used only when it
 * starts with one of the configured prefixes (by default {@code https://hooks.slack.com/}), compared as parsed
 * scheme, host, port and path, never as text, so {@code https://hooks.slack.com.evil.example/} or
 * {@code https://hooks.slack.com@evil.example/} do not pass. Not API.
 */
final class ResponseUrls {

    /** The default prefix: Slack's own hooks host. */
    static final String SLACK = "https://hooks.slack.com/";
    private static final int MAX_LENGTH = 2000;

    private final List<URI> prefixes;

    ResponseUrls(List<String> prefixes) {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("monitor.alerts.slack.response-url-hosts must name at least one URL prefix");
        }
        this.prefixes = prefixes.stream().map(ResponseUrls::prefix).toList();
    }

    /** A URL prefix, or a bare host standing for {@code https://<host>/}. */
    private static URI prefix(String text) {
        String value = Objects.requireNonNull(text, "prefix").strip();
        if (!value.contains("://") && !value.isEmpty() && !value.contains("/")) {
            value = "https://" + value + "/";
        }
        Optional<URI> uri = parse(value);
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("monitor.alerts.slack.response-url-hosts: '" + text
                    + "' is not an http(s) URL prefix such as https://hooks.slack.com/");
        }
        return uri.get();
    }

    /** The URL to post to, when {@code text} is an absolute http(s) URL below one of the prefixes. */
    Optional<URI> allowed(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Optional<URI> parsed = parse(text.strip());
        if (parsed.isEmpty() || parsed.get().getRawQuery() != null) {
            return Optional.empty();
        }
        URI uri = parsed.get();
        for (URI prefix : prefixes) {
            if (prefix.getScheme().equals(uri.getScheme()) && prefix.getHost().equals(uri.getHost())
                    && port(prefix) == port(uri) && uri.getRawPath().startsWith(prefix.getRawPath())
                    && !uri.getRawPath().contains("/../") && !uri.getRawPath().contains("/./")) {
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    /** Host and port only, for messages and logs: the rest of a response URL lets anyone post to the channel. */
    static String redact(URI uri) {
        return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "/…";
    }

    private static Optional<URI> parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null || uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), uri.getPath(),
                    uri.getQuery(), null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }
}
