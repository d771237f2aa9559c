package com.leadflow.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void locksAfterFiveFailuresForOneMinute() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("Sam");
        }
        assertThat(throttle.isLocked("sam")).isFalse();
        throttle.recordFailure("sam");
        assertThat(throttle.isLocked("SAM")).isTrue();

        clock.now = clock.now.plus(Duration.ofSeconds(59));
        assertThat(throttle.isLocked("sam")).isTrue();
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(throttle.isLocked("sam")).isFalse();

        throttle.recordFailure("sam"); // a fresh count after the lock ran out
        assertThat(throttle.isLocked("sam")).isFalse();
    }

    @Test
    void successResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("olga");
        }
        throttle.recordSuccess("olga");
        throttle.recordFailure("olga");
        assertThat(throttle.isLocked("olga")).isFalse();
    }

    @Test
    void otherUsersAreNotAffected() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("peter");
        }
        assertThat(throttle.isLocked("peter")).isTrue();
        assertThat(throttle.isLocked("lisa")).isFalse();
    }
}
