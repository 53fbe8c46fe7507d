package dev.vigil.alert.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailAlertSinkBuilderTest {

    private static EmailAlertSink.Builder valid() {
        return EmailAlertSink.builder().host("smtp.example.com").from("alerts@example.com").to("oncall@example.com");
    }

    @Test
    void defaultsToSubmissionPortWithRequiredStartTlsAndTenSecondTimeouts() {
        assertThat(valid().build().toString())
                .contains("port=587", "security=starttls", "authenticated=false",
                        "connectTimeout=PT10S", "readTimeout=PT10S", "writeTimeout=PT10S");
    }

    @Test
    void port465DefaultsToImplicitTls() {
        assertThat(valid().port(465).build().toString()).contains("security=ssl");
    }

    @Test
    void otherPortsDefaultToPlainUnlessAsked() {
        assertThat(valid().port(25).build().toString()).contains("security=none");
        assertThat(valid().port(2525).startTls(true).build().toString()).contains("security=starttls");
        assertThat(valid().startTls(false).build().toString()).contains("security=none");
    }

    @Test
    void toStringNeverShowsCredentials() {
        String description = valid().username("AKIAEXAMPLEUSER").password("s3cret-Pa55word").build().toString();

        assertThat(description).contains("authenticated=true").doesNotContain("AKIAEXAMPLEUSER", "s3cret-Pa55word");
    }

    @Test
    void validationNamesTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmailAlertSink.builder().from("a@example.com").to("b@example.com").build())
                .withMessageContaining("host");
        assertThatIllegalArgumentException().isThrownBy(() -> EmailAlertSink.builder().host("h").to("b@example.com").build())
                .withMessageContaining("from");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().to(List.of()).build())
                .withMessageContaining("to");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().to("not an address").build())
                .withMessageContaining("to");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().port(0).build())
                .withMessageContaining("port");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().username("u").build())
                .withMessageContaining("username and password");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().ssl(true).startTls(true).build())
                .withMessageContaining("ssl and startTls");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().readTimeout(Duration.ZERO).build())
                .withMessageContaining("readTimeout");
        // Under a millisecond would reach Jakarta Mail as 0, which means "wait forever".
        assertThatIllegalArgumentException().isThrownBy(() -> valid().connectTimeout(Duration.ofNanos(10)).build())
                .withMessageContaining("connectTimeout");
    }

    @Test
    void passwordNeverAppearsInValidationMessages() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> valid().password("s3cret-Pa55word").build())
                .withMessageNotContaining("s3cret-Pa55word");
    }
}
