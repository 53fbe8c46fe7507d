package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static ErrorEvent event(String message, String type, Map<String, String> context) {
        return new ErrorEvent(message, type, "", context, null, null, null, AT);
    }

    @Test
    void builtInRulesGiveSeverityAndCategory() {
        Classifier classifier = Classifier.ofDefaults();

        assertThat(classifier.classify(event("Database connection failed", "", Map.of())))
                .isEqualTo(new Classification(IncidentSeverity.CRITICAL, "database"));
        assertThat(classifier.classify(event("Cannot read property 'x' of undefined", "TypeError",
                Map.of("application", "admin-console-frontend"))))
                .isEqualTo(new Classification(IncidentSeverity.HIGH, "frontend"));
        assertThat(classifier.classify(event("Slow query on users", "", Map.of("endpoint", "/api/users"))))
                .isEqualTo(new Classification(IncidentSeverity.MEDIUM, "backend"));
        assertThat(classifier.classify(event("GET /logo.png returned 404", "", Map.of())))
                .isEqualTo(new Classification(IncidentSeverity.LOW, "unknown"));
        assertThat(classifier.classify(event("Unauthorized token", "", Map.of())).category()).isEqualTo("security");
        assertThat(classifier.classify(event("network unreachable", "", Map.of())).category()).isEqualTo("infrastructure");
    }

    @Test
    void theReportersSeverityWinsAndConfiguredRulesComeFirst() {
        Classifier classifier = Classifier.of(List.of(ClassificationRule.builder("payments").endpoint("^/api/payments")
                .severity(IncidentSeverity.CRITICAL).category("payments").build()), true);
        ErrorEvent payment = event("Payment processing failed", "", Map.of("endpoint", "/api/payments/42"));

        assertThat(classifier.classify(payment)).isEqualTo(new Classification(IncidentSeverity.CRITICAL, "payments"));
        assertThat(classifier.classify(new ErrorEvent("Payment processing failed", "", "", Map.of(), IncidentSeverity.LOW,
                null, null, AT)).severity()).isEqualTo(IncidentSeverity.LOW);
    }

    @Test
    void aRuleNeedsAPatternAndSomethingToGive() {
        assertThatThrownBy(() -> ClassificationRule.builder("empty").severity(IncidentSeverity.LOW).build())
                .hasMessageContaining("needs a pattern");
        assertThatThrownBy(() -> ClassificationRule.builder("bad").message("(").severity(IncidentSeverity.LOW).build())
                .hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> Classifier.of(List.of(ClassificationRule.builder("critical").message("x")
                .severity(IncidentSeverity.LOW).build()), true)).hasMessageContaining("distinct");
    }

    @Test
    void fingerprintsCollapseVariablePartsAndLineNumbers() {
        assertThat(Fingerprints.normalise("User 42 'bob' 3f2a9c1e-0000-4000-8000-123456789abc at 0xdeadbeef"))
                .isEqualTo("user <n> <str> <uuid> at <hex>");
        ErrorEvent one = new ErrorEvent("Order 1 failed", "E", "E\n    at pay (a.js:10:3)", Map.of(), null, null, null, AT);
        ErrorEvent two = new ErrorEvent("Order 2 failed", "E", "E\n    at pay (a.js:12:9)", Map.of(), null, null, null, AT);
        ErrorEvent elsewhere = new ErrorEvent("Order 2 failed", "E", "E\n    at refund (a.js:12:9)", Map.of(), null, null,
                null, AT);

        assertThat(Fingerprints.of(one, 5)).isEqualTo(Fingerprints.of(two, 5)).isNotEqualTo(Fingerprints.of(elsewhere, 5));
        assertThat(Fingerprints.of(new ErrorEvent("x", "", "", Map.of(), null, null, "mine", AT), 5)).isEqualTo("reporter:mine");
    }
}
