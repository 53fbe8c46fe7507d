package dev.vigil.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ActionRegistrationTest {

    private static final Action NOTHING = context -> ActionResult.succeeded("done");

    private final ActionRegistration clearCache = ActionRegistration.builder("clear_cache", NOTHING)
            .description("Clears a cache region")
            .parameter(ActionParameter.string("region").asRequired().oneOf("eu", "us"))
            .parameter(ActionParameter.integer("limit").between(1, 500))
            .parameter(ActionParameter.number("ratio").atLeast(0).atMost(1))
            .parameter(ActionParameter.bool("dryRun"))
            .build();

    @Test
    void hasTheDocumentedDefaults() {
        ActionRegistration registration = ActionRegistration.of("start_curation", "Starts a curation run", NOTHING);

        assertThat(registration.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(registration.cooldown()).isZero();
        assertThat(registration.severity()).isEqualTo(ActionSeverity.NORMAL);
        assertThat(registration.parameters()).isEmpty();
    }

    @Test
    void idMustBeLowerCaseSnakeCase() {
        assertThatThrownBy(() -> ActionRegistration.builder("Start-Curation", NOTHING).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("action id 'Start-Curation' must be a lower-case letter followed by");
        assertThatThrownBy(() -> ActionRegistration.builder("a".repeat(65), NOTHING).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ActionRegistration.builder("a".repeat(64), NOTHING).build().id()).hasSize(64);
    }

    @Test
    void timeoutAndCooldownAreBounded() {
        assertThatThrownBy(() -> ActionRegistration.builder("x", NOTHING).timeout(Duration.ZERO).build())
                .hasMessage("monitor.actions.x.timeout must be positive and at most 1h, was PT0S");
        assertThatThrownBy(() -> ActionRegistration.builder("x", NOTHING).cooldown(Duration.ofSeconds(-1)).build())
                .hasMessage("monitor.actions.x.cooldown must be 0..24h, was PT-1S");
        assertThatThrownBy(() -> ActionRegistration.builder("x", NOTHING)
                .parameter(ActionParameter.string("a")).parameter(ActionParameter.integer("a")))
                .hasMessage("action 'x' declares parameter 'a' twice");
    }

    @Test
    void parameterDeclarationsAreChecked() {
        assertThatThrownBy(() -> ActionParameter.integer("n").oneOf("a"))
                .hasMessage("parameter 'n': allowed values are for string parameters only");
        assertThatThrownBy(() -> ActionParameter.string("s").atLeast(1))
                .hasMessage("parameter 's': min and max are for integer and number parameters only");
        assertThatThrownBy(() -> ActionParameter.integer("n").between(5, 1))
                .hasMessage("parameter 'n': min 5.0 is above max 1.0");
        assertThatThrownBy(() -> ActionParameter.string("1st"))
                .hasMessage("parameter name '1st' must be a letter followed by up to 63 letters, digits or '_'");
    }

    @Test
    void validParametersAreConvertedToTheirDeclaredTypes() throws Exception {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("dryRun", "true");
        given.put("region", "eu");
        given.put("limit", 20);
        given.put("ratio", new ObjectMapper().readTree("0.25"));

        Map<String, Object> valid = clearCache.validateParameters(given);

        assertThat(valid).containsExactly(Map.entry("region", "eu"), Map.entry("limit", 20L), Map.entry("ratio", 0.25),
                Map.entry("dryRun", true));
        assertThat(clearCache.validateParameters(Map.of("region", "us", "limit", "7", "ratio", 1)))
                .containsEntry("limit", 7L).containsEntry("ratio", 1.0);
    }

    @Test
    void everyProblemIsListedInOneMessage() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("limit", 501);
        given.put("colour", "red");
        given.put("ratio", "lots");
        given.put("dryRun", "yes");

        InvalidParametersException e = catchThrowableOfType(InvalidParametersException.class,
                () -> clearCache.validateParameters(given));

        assertThat(e.problems()).containsExactly(
                "unknown parameter 'colour' (known: region, limit, ratio, dryRun)",
                "parameter 'region' is required",
                "parameter 'limit' must be at most 500, was 501",
                "parameter 'ratio' must be a number, was 'lots'",
                "parameter 'dryRun' must be true or false, was 'yes'");
        assertThat(e).hasMessageStartingWith("invalid parameters for action 'clear_cache': unknown parameter 'colour'")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrongTypesAndValuesAreNamedPrecisely() {
        assertThat(problems(Map.of("region", "asia"))).containsExactly("parameter 'region' must be one of [eu, us], was 'asia'");
        assertThat(problems(Map.of("region", 5))).containsExactly("parameter 'region' must be a string, was 5");
        assertThat(problems(Map.of("region", "eu", "limit", 2.5))).containsExactly("parameter 'limit' must be an integer, was 2.5");
        assertThat(problems(Map.of("region", "eu", "limit", 0))).containsExactly("parameter 'limit' must be at least 1, was 0");
        assertThat(problems(Map.of("region", "eu", "ratio", -0.5))).containsExactly("parameter 'ratio' must be at least 0, was -0.5");
        assertThat(problems(Map.of("region", "eu", "dryRun", 1))).containsExactly("parameter 'dryRun' must be true or false, was 1");
    }

    @Test
    void actionWithoutParametersRefusesAny() {
        ActionRegistration none = ActionRegistration.of("start_curation", "", NOTHING);

        assertThatThrownBy(() -> none.validateParameters(Map.of("force", true)))
                .hasMessage("invalid parameters for action 'start_curation': unknown parameter 'force' (the action takes no parameters)");
    }

    private List<String> problems(Map<String, Object> given) {
        return catchThrowableOfType(InvalidParametersException.class, () -> clearCache.validateParameters(given)).problems();
    }
}
