package com.leadflow;

import com.leadflow.security.LeadflowUserDetails;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.util.function.Supplier;

/**
 * Base of every test that needs the application: the real Spring context on the real embedded MariaDB
 * (a fresh data directory under target/, a free port), with the demo accounts and a small demo data set.
 * All subclasses share one context, so the database starts once per test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "leadflow.db.data-dir=target/mariadb-test/data",
        "leadflow.db.port=0",
        "leadflow.db.fresh=true",
        "leadflow.db.buffer-pool-size=256M",
        "leadflow.demo.enabled=true",
        "leadflow.demo.contacts=0",
        "spring.main.banner-mode=off"
})
@Import(AbstractIntegrationTest.TestClockConfiguration.class)
public abstract class AbstractIntegrationTest {

    @Autowired
    protected UserDetailsService userDetailsService;

    /** The application's clock: {@code testClock.set(...)} / {@code advance(...)}; back to real time after each test. */
    @Autowired
    protected TestClock testClock;

    @AfterEach
    void realTimeAgain() {
        testClock.reset();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClockConfiguration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    /** Authenticates the calling thread as a demo user, as the login form would. */
    protected LeadflowUserDetails authenticate(String username) {
        LeadflowUserDetails details = (LeadflowUserDetails) userDetailsService.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities()));
        return details;
    }

    protected void clearAuthentication() {
        SecurityContextHolder.clearContext();
    }

    /** Runs work as another user and restores whoever was authenticated before. */
    protected <T> T as(String username, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        try {
            authenticate(username);
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
