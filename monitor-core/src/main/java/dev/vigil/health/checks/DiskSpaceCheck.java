package dev.vigil.health.checks;

import dev.vigil.internal.HumanText;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;

/**
 * Reports how full the file store (disk, volume) holding a path is.
 *
 * <p>The used fraction is {@code (total - usable) / total}, where <em>usable</em> is the space this
 * JVM may still write ({@link FileStore#getUsableSpace()}), so blocks reserved for root count as
 * used. Above {@link #degradedAbove()} the check is DEGRADED, above {@link #downAbove()} it is DOWN.
 * A path that does not exist is DOWN.
 *
 * <pre>{@code
 * HealthCheck disk = DiskSpaceCheck.builder()
 *         .path(Path.of("/var/lib/orders"))
 *         .degradedAbove(0.85)
 *         .downAbove(0.95)
 *         .build();
 * }</pre>
 *
 * <p>Message example: {@code disk 93.1% used (6.9 GB free of 100 GB), above 90%}. Details:
 * {@code path}, {@code totalBytes}, {@code freeBytes}, {@code usedRatio}, {@code degradedAbove},
 * {@code downAbove}.
 */
public final class DiskSpaceCheck implements HealthCheck {

    /** The working directory's file store is checked unless configured otherwise. */
    public static final Path DEFAULT_PATH = Path.of(".");
    /** More than 80% used is DEGRADED unless configured otherwise. */
    public static final double DEFAULT_DEGRADED_ABOVE = 0.80;
    /** More than 90% used is DOWN unless configured otherwise. */
    public static final double DEFAULT_DOWN_ABOVE = 0.90;

    private final Path path;
    private final String displayPath;
    private final UsageThresholds thresholds;
    private final SpaceSource spaceSource;

    private DiskSpaceCheck(Builder builder) {
        this.path = builder.path;
        this.displayPath = builder.path.toAbsolutePath().normalize().toString();
        this.thresholds = new UsageThresholds("monitor.checks.disk", builder.degradedAbove, builder.downAbove);
        this.spaceSource = builder.spaceSource;
    }

    /** A check of the working directory's file store, DEGRADED above 80% and DOWN above 90% used. */
    public static DiskSpaceCheck ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The path whose file store is checked. */
    public Path path() {
        return path;
    }

    /** Used fraction above which the check is DEGRADED. */
    public double degradedAbove() {
        return thresholds.degradedAbove();
    }

    /** Used fraction above which the check is DOWN. */
    public double downAbove() {
        return thresholds.downAbove();
    }

    /** Reads the file store's size and reports how full it is. */
    @Override
    public HealthResult check() {
        Space space;
        try {
            space = spaceSource.read(path);
        } catch (IOException e) {
            return HealthResult.down(e).withDetail("path", displayPath);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", displayPath);
        details.put("totalBytes", space.totalBytes());
        details.put("freeBytes", space.usableBytes());
        if (space.totalBytes() == 0) {
            return HealthResult.down("file store of " + displayPath + " reports a size of 0 bytes")
                    .withDetails(details);
        }
        double used = Math.max(0, space.totalBytes() - space.usableBytes()) / (double) space.totalBytes();
        details.put("usedRatio", HumanText.round(used));
        details.put("degradedAbove", thresholds.degradedAbove());
        details.put("downAbove", thresholds.downAbove());
        HealthStatus status = thresholds.classify(used);
        String message = "disk " + HumanText.percent(used) + " used (" + HumanText.bytes(space.usableBytes())
                + " free of " + HumanText.bytes(space.totalBytes()) + ")" + thresholds.crossed(status);
        HealthResult result = status == HealthStatus.DOWN ? HealthResult.down(message) : HealthResult.of(status, message);
        return result.withDetails(details);
    }

    @Override
    public String toString() {
        return "DiskSpaceCheck[" + displayPath + ", degradedAbove=" + degradedAbove() + ", downAbove=" + downAbove() + "]";
    }

    /** Where the sizes come from: the real file system, or a fake in tests. */
    @FunctionalInterface
    interface SpaceSource {

        SpaceSource FILE_SYSTEM = path -> {
            FileStore store = Files.getFileStore(path);
            return new Space(store.getTotalSpace(), store.getUsableSpace());
        };

        Space read(Path path) throws IOException;
    }

    /** A file store's size and the part of it this JVM may still use. */
    record Space(long totalBytes, long usableBytes) {

        Space {
            if (totalBytes < 0 || usableBytes < 0) {
                throw new IllegalArgumentException("sizes must not be negative: total " + totalBytes + ", usable " + usableBytes);
            }
        }
    }

    /** Builds a {@link DiskSpaceCheck}. */
    public static final class Builder {
        private Path path = DEFAULT_PATH;
        private double degradedAbove = DEFAULT_DEGRADED_ABOVE;
        private double downAbove = DEFAULT_DOWN_ABOVE;
        private SpaceSource spaceSource = SpaceSource.FILE_SYSTEM;

        private Builder() {
        }

        /** Any path on the file store to check (default: the working directory). */
        public Builder path(Path path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /** Used fraction above which the check is DEGRADED, in (0, 1] (default 0.80). */
        public Builder degradedAbove(double degradedAbove) {
            this.degradedAbove = degradedAbove;
            return this;
        }

        /** Used fraction above which the check is DOWN, in [degradedAbove, 1] (default 0.90). */
        public Builder downAbove(double downAbove) {
            this.downAbove = downAbove;
            return this;
        }

        /** Replaces the file system, so tests can check thresholds without filling a disk. */
        Builder spaceSource(SpaceSource spaceSource) {
            this.spaceSource = Objects.requireNonNull(spaceSource, "spaceSource");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException unless {@code 0 < degradedAbove <= downAbove <= 1}
         */
        public DiskSpaceCheck build() {
            return new DiskSpaceCheck(this);
        }
    }
}
