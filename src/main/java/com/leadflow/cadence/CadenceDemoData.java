package com.leadflow.cadence;

import com.leadflow.demo.DemoProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Demo mode only, once: the default cadences enrolled everyone at the same moment, which would put a month of
 * touches on one day. This spreads the first touches over the next four weeks (and some into the last days, so
 * "My tasks" shows overdue work and "Sent mail" shows what went out), derived from the contact ids so it is repeatable.
 */
@Component
@Order(21)
class CadenceDemoData implements ApplicationRunner {

    static final String MARKER = "cadence-demo-spread";

    private final DemoProperties demo;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TouchScheduler scheduler;
    private final Clock clock;

    CadenceDemoData(DemoProperties demo, JdbcTemplate jdbc, TransactionTemplate tx, TouchScheduler scheduler,
                    Clock clock) {
        this.demo = demo;
        this.jdbc = jdbc;
        this.tx = tx;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        // only with generated demo contacts: the tests and the benchmark database start with demo contacts = 0
        if (!demo.isEnabled() || demo.getContacts() == 0 || Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM job_run WHERE name = ?)", Boolean.class, MARKER))) {
            return;
        }
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE scheduled_touch SET due_at = DATE_ADD(DATE_ADD(?, INTERVAL (contact_id MOD 30) - 2 DAY), "
                    + "INTERVAL contact_id MOD 480 MINUTE) WHERE status = 'PLANNED' AND occurrence = 1 AND kind = 'EMAIL'",
                    at);
            jdbc.update("UPDATE scheduled_touch SET due_at = DATE_ADD(DATE_ADD(?, INTERVAL (contact_id MOD 33) - 4 DAY), "
                    + "INTERVAL contact_id MOD 480 MINUTE) WHERE status = 'PLANNED' AND occurrence = 1 AND kind = 'TASK'",
                    at);
            jdbc.update("UPDATE contact c JOIN (SELECT contact_id, MIN(due_at) AS next_at FROM scheduled_touch "
                    + "WHERE status IN ('PLANNED', 'DUE') GROUP BY contact_id) n ON n.contact_id = c.id "
                    + "SET c.next_touch_at = n.next_at");
            jdbc.update("INSERT INTO job_run (name, last_run_at) VALUES (?, ?)", MARKER, at);
        });
        scheduler.runUntil(now); // overdue demo tasks become due, and the last two days' emails go to "Sent mail"
    }
}
