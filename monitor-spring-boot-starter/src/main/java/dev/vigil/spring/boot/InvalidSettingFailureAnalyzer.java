package dev.vigil.spring.boot;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.vigil.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Reports a rejected {@code monitor.*} value (an interval of 0s, a bad cron expression, a rule without its
 * threshold) as Spring Boot's start-up failure analysis instead of a stack of "Caused by" lines: the setting, the
 * value and where it was set, and what is allowed.
 *
 * <p>It finds, anywhere in the causes, an {@link InvalidSettingException} (the core's settings builders throw it
 * with the setting, the value and the requirement), or else an {@link IllegalArgumentException},
 * {@link IllegalStateException} or {@link NullPointerException} whose message begins with a {@code monitor.*}
 * name: the convention every Vigil settings builder and property mapper follows, so validation added later is
 * reported the same way without being listed here. Conversion failures (an unknown enum constant, a malformed
 * duration) stay with Spring Boot's own analysis, which already names the property and lists the enum's values.
 */
final class InvalidSettingFailureAnalyzer implements FailureAnalyzer {

    /** A message that begins with a setting's name: {@code monitor.briefing.cron 'x' has 1 field...}. */
    private static final Pattern NAMED = Pattern.compile("(monitor(?:\\.[A-Za-z0-9][A-Za-z0-9\\-_]*|\\[[^\\]]+\\])+)(?::\\s*|\\s+|$)(.*)",
            Pattern.DOTALL);

    private final @Nullable Environment environment;

    InvalidSettingFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnknownSettingException) {
                return null; // UnknownSettingFailureAnalyzer's
            }
            if (cause instanceof InvalidSettingException invalid) {
                return analysis(invalid.key(), invalid.requirement() + ", was " + invalid.value(), invalid);
            }
            if ((cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                    || cause instanceof NullPointerException) && cause.getMessage() != null) {
                Matcher named = NAMED.matcher(cause.getMessage());
                if (named.matches()) {
                    String reason = named.group(2).isBlank() ? "is required" : named.group(2).strip();
                    return analysis(named.group(1), reason, cause);
                }
            }
        }
        return null;
    }

    private FailureAnalysis analysis(String key, String reason, Throwable cause) {
        StringBuilder description = new StringBuilder("Vigil setting ").append(key).append(' ').append(reason)
                .append(reason.endsWith(".") ? "" : ".");
        ConfigurationProperty property = configured(key);
        if (property != null) {
            description.append("\n\n    Value: ").append(property.getValue());
            if (property.getOrigin() != null) {
                description.append("\n    Origin: ").append(property.getOrigin());
            }
        }
        String requirement = reason.replaceFirst("(?s), was .*$", "");
        String action = "Update " + key + " in your configuration: "
                + (requirement.matches("(?s)(must|is|are|needs) .*") ? "it " : "") + requirement
                + (looksLikeDuration(reason) ? " (a duration such as 500ms, 30s, 5m or 1h)" : "")
                + (requirement.endsWith(".") ? "" : ".");
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private @Nullable ConfigurationProperty configured(String key) {
        if (environment == null || !ConfigurationPropertyName.isValid(key)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return property;
            }
        }
        return null;
    }

    private static boolean looksLikeDuration(String reason) {
        return reason.matches("(?s).*, was -?PT.*");
    }
}
