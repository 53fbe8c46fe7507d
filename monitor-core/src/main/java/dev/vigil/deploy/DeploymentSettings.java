package dev.vigil.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether and how an instance records its deployment when the monitor starts.
 *
 * @param recordOnStart whether {@code Monitor.start()} records a deployment of the builder's version (default true)
 * @param commit the source commit; when absent, the {@code git.properties} resource on the class path (as the
 *        git-commit-id Maven and Gradle plugins write it) is read ({@link #commitFromClasspath})
 * @param environment where this instance runs ({@code production}, {@code staging}), if it should be told apart
 */
public record DeploymentSettings(boolean recordOnStart, @Nullable String commit, @Nullable String environment) {

    private static final Logger log = LoggerFactory.getLogger(DeploymentSettings.class);

    /** Validates the texts' lengths. */
    public DeploymentSettings {
        if (commit != null && (commit.isBlank() || commit.length() > 100)) {
            throw new IllegalArgumentException("monitor.deployments.commit must be 1-100 characters when set");
        }
        if (environment != null && (environment.isBlank() || environment.length() > 50)) {
            throw new IllegalArgumentException("monitor.deployments.environment must be 1-50 characters when set");
        }
    }

    /** Record on start, commit from {@code git.properties}, no environment. */
    public static DeploymentSettings ofDefaults() {
        return new DeploymentSettings(true, null, null);
    }

    /**
     * The commit in the {@code git.properties} resource of {@code loader}: {@code git.commit.id.full}, else
     * {@code git.commit.id}, else {@code git.commit.id.abbrev}; empty when there is no such resource.
     */
    public static Optional<String> commitFromClasspath(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("git.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties git = new Properties();
            git.load(in);
            for (String key : new String[] {"git.commit.id.full", "git.commit.id", "git.commit.id.abbrev"}) {
                String value = git.getProperty(key);
                if (value != null && !value.isBlank() && value.strip().length() <= 100) {
                    return Optional.of(value.strip());
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            log.debug("Cannot read git.properties", e);
            return Optional.empty();
        }
    }
}
