package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void burstPassesThenWaitsForRefill() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(clock, 3, 1, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.acquire("b")).as("another key has its own bucket").isZero();
        clock.advance(Duration.ofMillis(1500));
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void keysStayBoundedAndNewcomersShareOneBucketWhenFull() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(clock, 1, 1, 2);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("b")).isZero();
        assertThat(limiter.acquire("c")).as("the overflow bucket").isZero();
        assertThat(limiter.acquire("d")).as("shares the overflow bucket with c").isPositive();
        assertThat(limiter.keys()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(5));
        assertThat(limiter.acquire("e")).as("full buckets are dropped for newcomers").isZero();
        assertThat(limiter.keys()).isLessThanOrEqualTo(3);
    }
}
