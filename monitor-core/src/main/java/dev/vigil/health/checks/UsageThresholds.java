package dev.vigil.health.checks;

import dev.vigil.internal.HumanText;
import java.util.Objects;
import dev.vigil.health.HealthStatus;

/**
 * The two thresholds of a "how full is it" check, validated with messages that name the settings.
 *
 * @param settingPrefix the property prefix the messages name, e.g. {@code monitor.checks.disk}
 * @param degradedAbove used ratio above which the check is DEGRADED
 * @param downAbove used ratio above which the check is DOWN
 */
record UsageThresholds(String settingPrefix, double degradedAbove, double downAbove) {

    UsageThresholds {
        Objects.requireNonNull(settingPrefix, "settingPrefix");
        requireRatio(settingPrefix + ".degraded-above", degradedAbove);
        requireRatio(settingPrefix + ".down-above", downAbove);
        if (downAbove < degradedAbove) {
            throw new IllegalArgumentException(settingPrefix + ".down-above (" + downAbove
                    + ") must not be below " + settingPrefix + ".degraded-above (" + degradedAbove + ")");
        }
    }

    /** DOWN above {@code downAbove}, DEGRADED above {@code degradedAbove}, else UP. */
    HealthStatus classify(double usedRatio) {
        if (usedRatio > downAbove) {
            return HealthStatus.DOWN;
        }
        return usedRatio > degradedAbove ? HealthStatus.DEGRADED : HealthStatus.UP;
    }

    /** The threshold that {@code status} crossed, as message text: {@code ", above 90%"}; empty for UP. */
    String crossed(HealthStatus status) {
        return switch (status) {
            case UP -> "";
            case DEGRADED -> ", above " + HumanText.percent(degradedAbove);
            case DOWN -> ", above " + HumanText.percent(downAbove);
        };
    }

    private static void requireRatio(String setting, double value) {
        if (!(value > 0 && value <= 1)) { // also rejects NaN
            throw new IllegalArgumentException(setting + " must be above 0 and at most 1, was " + value);
        }
    }
}
