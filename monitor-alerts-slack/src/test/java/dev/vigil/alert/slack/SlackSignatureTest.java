package dev.vigil.alert.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slack's request signature: the documented known answer, the timestamp window both ways, rotation, tampering. */
class SlackSignatureTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant SENT = Instant.ofEpochSecond(1531420618);

    @Test
    void signMatchesSlacksKnownAnswer() {
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void verifyAcceptsTheKnownAnswerWithinFiveMinutesEitherWay() {
        assertThat(SlackSignature.verify(List.of(SECRET), TIMESTAMP, EXPECTED, BODY, SENT)).isTrue();
        assertThat(SlackSignature.verify(List.of(SECRET), TIMESTAMP, EXPECTED, BODY, SENT.plusSeconds(300))).isTrue();
        assertThat(SlackSignature.verify(List.of(SECRET), TIMESTAMP, EXPECTED, BODY, SENT.minusSeconds(300))).isTrue();
        assertThat(SlackSignature.verify(List.of(SECRET), TIMESTAMP, EXPECTED, BODY, SENT.plusSeconds(301))).isFalse();
        assertThat(SlackSignature.verify(List.of(SECRET), TIMESTAMP, EXPECTED, BODY, SENT.minusSeconds(301))).isFalse();
    }

    @Test
    void verifyRefusesTamperingWrongSecretsAndMissingHeaders() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 1] = 'd';
        assertThat(SlackSignature.verify(List.of(SECRET), TIMESTAMP, EXPECTED, tampered, SENT)).isFalse();
        assertThat(SlackSignature.verify(List.of("another-secret"), TIMESTAMP, EXPECTED, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(List.of(SECRET), "1531420619", EXPECTED, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(List.of(SECRET), null, EXPECTED, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(List.of(SECRET), TIMESTAMP, null, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(List.of(SECRET), TIMESTAMP, EXPECTED.toUpperCase(), BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(List.of(SECRET), TIMESTAMP, "v1=" + EXPECTED.substring(3), BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(List.of(SECRET), "-1531420618", EXPECTED, BODY, SENT)).isFalse();
        assertThat(SlackSignature.verify(List.of(), TIMESTAMP, EXPECTED, BODY, SENT)).isFalse();
    }

    @Test
    void verifyAcceptsAnyOfTheSecretsWhileRotating() {
        assertThat(SlackSignature.verify(List.of("new-secret", SECRET), TIMESTAMP, EXPECTED, BODY, SENT)).isTrue();
        assertThat(SlackSignature.verify(List.of(SECRET, "new-secret"), TIMESTAMP, EXPECTED, BODY, SENT)).isTrue();
    }
}
