package com.leadflow.base.time;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The one source of "now" for code that schedules or measures time (cadences, SLA clocks, due dates), so tests can
 * move time forward. Pass {@code clock.instant()} into SQL as a parameter rather than calling {@code NOW()}.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
