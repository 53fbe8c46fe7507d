package dev.vigil.alert.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.vigil.alert.DeliveryException;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;

class HttpDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final URI URL = URI.create("https://hooks.example.com/services/T0KEN/abc?key=QUERY-SECRET");
    private final HttpDelivery http = new HttpDelivery("webhook", URL, Duration.ofSeconds(10), new MutableClock(NOW),
            Map.of("Authorization", "Bearer HEADER-SECRET"), List.of("SIGNING-SECRET"));

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }

    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

    @Test
    void retryAfterIsDelaySecondsOrAnHttpDate() {
        assertThat(HttpDelivery.retryAfter("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(HttpDelivery.retryAfter(" 120 ", NOW)).contains(Duration.ofMinutes(2));
        assertThat(HttpDelivery.retryAfter("Thu, 01 Jan 2026 00:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(HttpDelivery.retryAfter("Wed, 31 Dec 2025 23:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(HttpDelivery.retryAfter("soon", NOW)).isEmpty();
        assertThat(HttpDelivery.retryAfter("", NOW)).isEmpty();
    }

    @Test
    void statusesAreClassified() {
        assertThatCode(() -> http.check(200, NONE)).doesNotThrowAnyException();
        assertThatCode(() -> http.check(204, NONE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> http.check(301, NONE)).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.isPermanent()).isTrue();
            assertThat(e).hasMessage("webhook returned HTTP 301; redirects are not followed");
        });
        assertThatThrownBy(() -> http.check(404, NONE)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.isPermanent()).isTrue());
        assertThatThrownBy(() -> http.check(408, NONE)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.isPermanent()).isFalse());
        assertThatThrownBy(() -> http.check(503, headers("Retry-After", "12"))).isInstanceOfSatisfying(
                DeliveryException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
                    assertThat(e).hasMessage("webhook returned HTTP 503, retry after 12s");
                });
    }

    @Test
    void exceptionTextNeverContainsTheUrlOrSecrets() {
        String text = http.describe(new IOException("POST " + URL + " failed; path /services/T0KEN/abc, key=QUERY-SECRET,"
                + " auth Bearer HEADER-SECRET, SIGNING-SECRET"));

        assertThat(text).startsWith("IOException: POST [redacted] failed")
                .doesNotContain("T0KEN", "QUERY-SECRET", "HEADER-SECRET", "SIGNING-SECRET");
    }

    @Test
    void invalidUrlsAreRejectedWithoutRepeatingThem() {
        assertThatThrownBy(() -> HttpDelivery.validate("webhook", URI.create("ftp://x/T0KEN")))
                .hasMessage("webhook URL must start with http:// or https://");
        assertThatThrownBy(() -> HttpDelivery.validateHeader(URL, "Host", "example.com"))
                .hasMessage("header 'Host' cannot be set on an alert sink request");
    }
}
