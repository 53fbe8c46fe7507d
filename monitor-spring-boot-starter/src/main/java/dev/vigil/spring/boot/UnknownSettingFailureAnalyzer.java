package dev.vigil.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link UnknownSettingException} as Spring Boot's start-up failure analysis: each unknown
 * {@code monitor.*} name with where it was set and the nearest valid name.
 */
final class UnknownSettingFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownSettingException cause) {
        StringBuilder description = new StringBuilder("The configuration names ")
                .append(cause.entries().size() == 1 ? "a setting" : cause.entries().size() + " settings")
                .append(" under 'monitor' that Vigil does not have:\n");
        cause.entries().forEach(entry -> description.append("\n    ").append(entry.describe()));
        String action = "Correct or remove " + (cause.entries().size() == 1 ? "it" : "each of them")
                + ". Every name under 'monitor' must be a Vigil setting: see the monitor.* reference in Vigil's README,"
                + " or your IDE's completion for application.yml.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
