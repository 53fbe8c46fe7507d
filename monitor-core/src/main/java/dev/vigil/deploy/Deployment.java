package dev.vigil.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One deployment of the service: a version (and commit) that went live, when, and on which instances.
 *
 * <p>Its id is derived from environment, version and commit ({@link #idOf}), so instances of the same release
 * that start one after the other (a rolling deploy, a scale-out, a restart) all record the same deployment: the
 * first one's time is kept and every instance is listed. Recording a release again later (a rollback to it, a
 * restart next week) therefore adds to the existing deployment rather than making a new one; a redeploy meant to
 * count separately needs a distinct version or commit.
 *
 * @param id deterministic id, see {@link #idOf}
 * @param version the released version, 1..100 characters
 * @param commit the source commit, if known (at most 100 characters)
 * @param time when it was first seen (an instance's start, or the time given through the API)
 * @param instances the instances that started with it (at most {@value #MAX_INSTANCES}, first ones kept)
 * @param environment where it went, if known ({@code production}, {@code staging}; at most 50 characters)
 * @param description what it is, if given (at most 1,000 characters)
 * @param source how it became known first
 */
public record Deployment(String id, String version, @Nullable String commit, Instant time, List<String> instances,
        @Nullable String environment, @Nullable String description, DeploymentSource source) {

    /** Instances listed at most per deployment. */
    public static final int MAX_INSTANCES = 100;

    /** Validates lengths and copies the instances. */
    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        if (version.isBlank() || version.length() > 100) {
            throw new IllegalArgumentException("version must be 1-100 characters");
        }
        check("commit", commit, 100);
        check("environment", environment, 50);
        check("description", description, 1000);
        instances = List.copyOf(instances.size() > MAX_INSTANCES ? instances.subList(0, MAX_INSTANCES) : instances);
    }

    private static void check(String field, @Nullable String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            throw new IllegalArgumentException(field + " must be 1-" + max + " characters when given");
        }
    }

    /**
     * A deployment with its id derived from environment, version and commit, first seen at {@code time} on
     * {@code instance} (none for a deployment recorded through the API).
     */
    public static Deployment of(String version, @Nullable String commit, @Nullable String environment,
            @Nullable String description, Instant time, @Nullable String instance, DeploymentSource source) {
        return new Deployment(idOf(environment, version, commit), version, commit, time,
                instance == null ? List.of() : List.of(instance), environment, description, source);
    }

    /** The id of a release: the first 20 hex digits of SHA-256 over environment, version and commit. */
    public static String idOf(@Nullable String environment, String version, @Nullable String commit) {
        String key = (environment == null ? "" : environment) + '\n' + version + '\n' + (commit == null ? "" : commit);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** This deployment as it is served. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("version", version);
        json.put("commit", commit);
        json.put("time", time.toString());
        json.put("instances", instances);
        json.put("environment", environment);
        json.put("description", description);
        json.put("source", source.jsonName());
        return json;
    }
}
