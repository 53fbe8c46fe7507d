package dev.vigil.alert.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Assertions that credentials stay out of messages, stack traces and descriptions. */
final class Secrets {

    private Secrets() {
    }

    /** Checks the whole printed stack trace: every message in the cause chain, suppressed ones too. */
    static void assertNotRevealed(Throwable failure, String... secrets) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertNotRevealed(trace.toString(), secrets);
    }

    static void assertNotRevealed(String text, String... secrets) {
        for (String secret : secrets) {
            assertThat(text)
                    .doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
