package dev.vigil.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files from the class path served below one path of the API, e.g. a dashboard's page, scripts and styles
 * at {@code /admin/monitoring}: {@code MonitorApi.serve(StaticResources.builder("/admin/monitoring",
 * "META-INF/vigil/dashboard").build())}. Transports route the path like an operation's, and every host
 * serves the same bytes with the same headers.
 *
 * <p>Only files are served, and only those whose extension has a content type (html, css, js, json, map,
 * svg, png, ico, woff2, txt, and any {@linkplain Builder#contentType added}): the path below the mount is
 * checked segment by segment (letters, digits, {@code .}, {@code _}, {@code -}; no segment starting with a
 * dot), so nothing outside the root can be named. The mount path itself serves the index file. Answers
 * carry {@code Cache-Control} ({@code no-cache} for the index, {@code max-age} for the rest), an
 * {@code ETag} (a matching {@code If-None-Match} is answered 304), {@code X-Content-Type-Options: nosniff} and
 * any {@linkplain Builder#header headers added}, e.g. a page's {@code Content-Security-Policy}.
 */
public final class StaticResources {

    private static final Map<String, String> DEFAULT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final String path;
    private final String root;
    private final ClassLoader loader;
    private final Access access;
    private final Duration maxAge;
    private final String index;
    private final Map<String, String> contentTypes;
    private final Map<String, String> headers;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    private StaticResources(Builder builder) {
        this.path = builder.path;
        this.root = builder.root;
        this.loader = builder.loader;
        this.access = builder.access;
        this.maxAge = builder.maxAge;
        this.index = builder.index;
        this.contentTypes = Map.copyOf(builder.contentTypes);
        this.headers = Map.copyOf(builder.headers);
    }

    /**
     * Starts serving the class path resources below {@code root} at {@code path}.
     *
     * @param path where, from the application's root, e.g. {@code /admin/monitoring}
     * @param root the class path folder, e.g. {@code META-INF/vigil/dashboard}
     */
    public static Builder builder(String path, String root) {
        return new Builder(path, root);
    }

    /** Where the files are served. */
    public String path() {
        return path;
    }

    /** Who may fetch them. */
    public Access access() {
        return access;
    }

    /** Whether {@code requestPath} is the mount path or below it. */
    boolean covers(String requestPath) {
        return requestPath.equals(path) || requestPath.startsWith(path + "/");
    }

    /** The answer to a {@code GET} of {@code requestPath} (covered), or empty when no such file is served. */
    Optional<ApiResponse> get(String requestPath, Optional<String> ifNoneMatch) {
        String relative = requestPath.substring(path.length());
        boolean isIndex = relative.isEmpty() || relative.equals("/");
        String name = isIndex ? index : relative.substring(1);
        if (!isIndex && !safe(name)) {
            return Optional.empty();
        }
        String type = contentTypes.get(extension(name));
        if (type == null) {
            return Optional.empty();
        }
        Optional<Loaded> loaded = Optional.ofNullable(cache.get(name)).or(() -> load(name));
        if (loaded.isEmpty()) {
            return Optional.empty(); // not remembered: the names asked for must not fill the memory
        }
        cache.putIfAbsent(name, loaded.get());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", isIndex ? "no-cache" : (access.isPublic() ? "public" : "private") + ", max-age="
                + maxAge.toSeconds());
        headers.put("ETag", loaded.get().etag);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(this.headers);
        if (ifNoneMatch.isPresent() && ifNoneMatch.get().contains(loaded.get().etag)) {
            return Optional.of(new ApiResponse(304, type, headers, new byte[0]));
        }
        return Optional.of(new ApiResponse(200, type, headers, loaded.get().bytes));
    }

    private static boolean safe(String name) {
        for (String segment : name.split("/", -1)) {
            if (!segment.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
                return false;
            }
        }
        return true;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || name.indexOf('/', dot) >= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private Optional<Loaded> load(String name) {
        URL url = loader.getResource(root + "/" + name);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar && jar.getJarEntry() != null && jar.getJarEntry().isDirectory()
                    || url.getProtocol().equals("file") && !Files.isRegularFile(Path.of(url.toURI()))) {
                return Optional.empty(); // a folder, not a file
            }
            try (InputStream in = connection.getInputStream()) {
                byte[] bytes = in.readAllBytes();
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return Optional.of(new Loaded(bytes, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        } catch (URISyntaxException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    private record Loaded(byte[] bytes, String etag) {
    }

    /** Builds {@link StaticResources}. */
    public static final class Builder {
        private final String path;
        private final String root;
        private ClassLoader loader = StaticResources.class.getClassLoader();
        private Access access = Access.PUBLIC;
        private Duration maxAge = Duration.ofHours(1);
        private String index = "index.html";
        private final Map<String, String> contentTypes = new LinkedHashMap<>(DEFAULT_TYPES);
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(String path, String root) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(root, "root");
            PathTemplate template = PathTemplate.parse(path);
            if (template.hasVariables()) {
                throw new IllegalArgumentException("static resources are served below a plain path, not '" + path + "'");
            }
            if (!root.matches("[A-Za-z0-9_-][A-Za-z0-9._/-]*") || root.endsWith("/") || root.contains("..")) {
                throw new IllegalArgumentException("a class path root is a relative folder such as META-INF/vigil/dashboard,"
                        + " was '" + root + "'");
            }
            this.path = path;
            this.root = root;
        }

        /** The class loader to read from (default: Vigil's own). */
        public Builder classLoader(ClassLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Who may fetch the files (default: everyone). */
        public Builder access(Access access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /** How long clients may cache a file other than the index (default 1 hour). */
        public Builder maxAge(Duration maxAge) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative");
            }
            this.maxAge = maxAge;
            return this;
        }

        /** The file served at the mount path itself (default {@code index.html}). */
        public Builder index(String index) {
            if (!safe(index)) {
                throw new IllegalArgumentException("not a file name: '" + index + "'");
            }
            this.index = index;
            return this;
        }

        /** Serves files ending in {@code .extension} as {@code contentType}. */
        public Builder contentType(String extension, String contentType) {
            contentTypes.put(extension.toLowerCase(Locale.ROOT), Objects.requireNonNull(contentType, "contentType"));
            return this;
        }

        /**
         * Adds a header to every answer, e.g. {@code Content-Security-Policy} or {@code X-Frame-Options}; the
         * caching headers ({@code Cache-Control}, {@code ETag}) stay the resources' own.
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!name.matches("[A-Za-z0-9-]{1,64}") || name.equalsIgnoreCase("Cache-Control") || name.equalsIgnoreCase("ETag")) {
                throw new IllegalArgumentException("not a header these resources may set: '" + name + "'");
            }
            if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("header " + name + " must be printable ASCII");
            }
            headers.put(name, value);
            return this;
        }

        /** The resources. */
        public StaticResources build() {
            return new StaticResources(this);
        }
    }
}
