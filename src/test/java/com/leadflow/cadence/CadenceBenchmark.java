package com.leadflow.cadence;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.leadflow.BenchmarkDatabase;
import com.leadflow.messaging.EmailSender;
import com.leadflow.security.LeadflowUserDetails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Benchmark, not a test: cadences at 1,000,000 contacts (docs/benchmarks.md). Every contact is enrolled in one of
 * the three default cadences with steps (by id), first touches spread over 30 days of January 2020, so that one
 * day's materialisation, a team's month view and sending are measured on realistic volumes without touching the
 * real plan (which lies in the future). Everything it creates is deleted at the end:
 * <pre>flock /tmp/leadflow-bench.lock ./mvnw -o -q test -Dtest=CadenceBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@BenchmarkDatabase
@TestPropertySource(properties = {"leadflow.cadence.schedule-interval=PT24H", "leadflow.messaging.send-interval=PT24H"})
class CadenceBenchmark {

    /** Marks the benchmark's enrolments (no real segment entry is this old). */
    private static final Timestamp MARKER = Timestamp.valueOf("2001-01-01 00:00:00");
    private static final Instant START = Instant.parse("2020-01-01T06:00:00Z");

    @Autowired JdbcTemplate jdbc;
    @Autowired EnrolmentSync sync;
    @Autowired TouchScheduler scheduler;
    @Autowired TouchService touches;
    @Autowired EmailSender sender;
    @Autowired UserDetailsService users;
    @Autowired TransactionTemplate tx;
    @Autowired com.leadflow.TestClock clock;

    /** The week view projects repeats from "now" on: the benchmark's now is inside its January 2020. */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class BenchmarkClock {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        com.leadflow.TestClock testClock() {
            return new com.leadflow.TestClock();
        }
    }

    @Test
    void cadencesAtScale() {
        long contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        System.out.printf("%nCadence benchmark on %,d contacts%n", contacts);
        cleanUp(); // a run stopped half-way left its rows
        try {
            run();
        } finally {
            long t = System.nanoTime();
            cleanUp();
            System.out.printf("  clean-up: %,d ms%n", (System.nanoTime() - t) / 1_000_000);
        }
    }

    /** Which parts to run: {@code -Dparts=backstop,materialise,calendar,send} (sending belongs to the mail feature). */
    private static final String PARTS = System.getProperty("parts", "materialise,calendar");

    private static boolean part(String name) {
        return java.util.Arrays.asList(PARTS.split(",")).contains(name);
    }

    private void run() {
        System.out.printf("  load average at the start: %s%n", loadAverage());
        long realEnrolled = jdbc.queryForObject("SELECT COUNT(*) FROM cadence_enrolment WHERE open_flag = 1", Long.class);
        long t = System.nanoTime();
        if (part("backstop")) {
            EnrolmentSync.Result backstop = sync.syncAll(null, Instant.now());
            System.out.printf("  backstop enrolment sync over %,d real enrolments (4 default cadences): %,d ms "
                + "(%d enrolled, %d ended)%n", realEnrolled, ms(t), backstop.enrolled(), backstop.ended());
        }

        // one million enrolments: contact id mod 3 picks the cadence; first touches spread over January 2020
        t = System.nanoTime();
        int enrolled = jdbc.update("""
                INSERT IGNORE INTO cadence_enrolment (cadence_id, contact_id, segment_entered_at, enrolled_at)
                SELECT cad.id, c.id, ?, ? FROM contact c JOIN cadence cad ON cad.system_key =
                    ELT(1 + c.id MOD 3, 'INACTIVE_SQL', 'DORMANT_MQL', 'CLOSED_LOST')""", MARKER, Timestamp.from(START));
        int planned = jdbc.update("INSERT INTO scheduled_touch (enrolment_id, cadence_id, step_id, contact_id, occurrence, "
                + "kind, channel, due_at, owner_id, team_id, status) "
                + "SELECT e.id, e.cadence_id, s.id, e.contact_id, 1, s.kind, " + EnrolmentSync.channel("s", "c")
                + ", DATE_ADD(DATE_ADD(?, INTERVAL c.id MOD 30 DAY), INTERVAL c.id MOD 600 MINUTE), c.owner_id, "
                + "c.team_id, 'PLANNED' FROM cadence_enrolment e JOIN cadence_step s ON s.cadence_id = e.cadence_id "
                + "JOIN contact c ON c.id = e.contact_id WHERE e.segment_entered_at = ?", Timestamp.from(START), MARKER);
        System.out.printf("  set-up: %,d enrolments and %,d planned touches inserted in %,d ms%n", enrolled, planned, ms(t));
        jdbc.execute("ANALYZE TABLE scheduled_touch, cadence_enrolment");

        // reference figure for the noise: a plain scan of the touches, measured in the same run
        t = System.nanoTime();
        long all = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_touch IGNORE INDEX (PRIMARY) WHERE note IS NULL", Long.class);
        System.out.printf("  reference: full scan of %,d touches: %,d ms%n", all, ms(t));

        // materialising one day's touches (the scheduler's work for 2020-01-01)
        for (int day = 1; day <= (part("materialise") ? 2 : 0); day++) {
            Instant until = START.plus(java.time.Duration.ofDays(day));
            t = System.nanoTime();
            TouchScheduler.Result r = scheduler.materialise(until);
            System.out.printf("  materialise day %d: %,d ms — %,d due, %,d skipped (held back or capped), %,d emails "
                    + "queued, %,d next occurrences planned%n", day, ms(t), r.due(), r.skipped(), r.queued(),
                    r.successors());
        }

        if (part("calendar")) {
            calendar();
        }
        if (part("send")) {
            send();
        }
        System.out.printf("  load average at the end: %s%n", loadAverage());
    }

    private void calendar() {
        long t;
        // the calendar month view for a team, as a sales rep of team North sees it (server time)
        LeadflowUserDetails sam = (LeadflowUserDetails) users.loadUserByUsername("sam");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(sam, null, sam.getAuthorities()));
        LocalDate from = LocalDate.of(2019, 12, 30);
        LocalDate to = LocalDate.of(2020, 2, 2);
        long cadenceId = jdbc.queryForObject("SELECT id FROM cadence WHERE system_key = 'CLOSED_LOST'", Long.class);
        for (CalendarFilter filter : new CalendarFilter[]{
                new CalendarFilter(OwnerScope.TEAM, null, null, null, null),
                new CalendarFilter(OwnerScope.TEAM, null, null, null, StepKind.TASK),
                new CalendarFilter(OwnerScope.TEAM, null, cadenceId, null, null),
                new CalendarFilter(OwnerScope.MINE, null, null, null, StepKind.TASK),
                new CalendarFilter(OwnerScope.MINE, null, null, null, null),
                CalendarFilter.all()}) {
            for (boolean week : new boolean[]{false, true}) {
                LocalDate first = week ? LocalDate.of(2020, 1, 6) : from;
                LocalDate last = week ? LocalDate.of(2020, 1, 12) : to;
                long[] countsMs = new long[5];
                long[] itemsMs = new long[5];
                long total = 0;
                for (int i = 0; i < 5; i++) {
                    t = System.nanoTime();
                    var counts = touches.dayCounts(filter, first, last, ZoneOffset.UTC);
                    countsMs[i] = ms(t);
                    t = System.nanoTime();
                    touches.firstItems(filter, first, last, ZoneOffset.UTC, week ? 12 : 3);
                    itemsMs[i] = ms(t);
                    total = counts.values().stream().mapToLong(DayCount::total).sum();
                }
                long[] sum = new long[5];
                for (int i = 0; i < 5; i++) {
                    sum[i] = countsMs[i] + itemsMs[i];
                }
                java.util.Arrays.sort(sum);
                java.util.Arrays.sort(countsMs);
                java.util.Arrays.sort(itemsMs);
                System.out.printf("  %s view (%s%s, kind %s): median of 5 %,d ms (best %,d; counts %,d + items %,d), "
                                + "%,d touches shown%n", week ? "week" : "month", filter.scope(),
                        filter.cadenceId() == null ? "" : ", one cadence", filter.kind() == null ? "all" : filter.kind(),
                        sum[2], sum[0], countsMs[2], itemsMs[2], total);
            }
            // the week view's projected repeats (later occurrences of the open touches), "now" on 6 Jan 2020
            clock.set(Instant.parse("2020-01-06T00:00:00Z"));
            long[] projectedMs = new long[5];
            long projectedTotal = 0;
            for (int i = 0; i < 5; i++) {
                t = System.nanoTime();
                var projected = touches.projected(filter, LocalDate.of(2020, 2, 3), LocalDate.of(2020, 2, 9),
                        ZoneOffset.UTC, 12);
                projectedMs[i] = ms(t);
                projectedTotal = projected.counts().values().stream().mapToLong(DayCount::total).sum();
            }
            clock.reset();
            java.util.Arrays.sort(projectedMs);
            System.out.printf("  week view projected repeats, 3-9 Feb 2020 (%s%s, kind %s): median of 5 %,d ms, %,d projected%n",
                    filter.scope(), filter.cadenceId() == null ? "" : ", one cadence",
                    filter.kind() == null ? "all" : filter.kind(), projectedMs[2], projectedTotal);
            // a day's full list (the day dialog), first page
            long[] dayMs = new long[5];
            for (int i = 0; i < 5; i++) {
                t = System.nanoTime();
                touches.dayItems(filter, LocalDate.of(2020, 1, 15), ZoneOffset.UTC, 0, 50);
                dayMs[i] = ms(t);
            }
            java.util.Arrays.sort(dayMs);
            System.out.printf("  day list, first 50 (%s%s, kind %s): median of 5 %,d ms%n", filter.scope(),
                    filter.cadenceId() == null ? "" : ", one cadence", filter.kind() == null ? "all" : filter.kind(), dayMs[2]);
        }
        SecurityContextHolder.clearContext();
    }

    private void send() {
        long t;

        // sending: the queued emails of the day to a local SMTP server
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        try {
            jdbc.update("UPDATE messaging_settings SET smtp_host = '127.0.0.1', smtp_port = ?, version = version + 1 "
                    + "WHERE id = 1", greenMail.getSmtp().getPort());
            sender.sendUpTo(200); // warm-up: connection, templates, JIT
            t = System.nanoTime();
            int sent = sender.sendUpTo(5000);
            long millis = ms(t);
            System.out.printf("  sending: %,d emails over SMTP in %,d ms = %,.0f emails/s (GreenMail received %,d)%n",
                    sent, millis, sent * 1000.0 / millis, greenMail.getReceivedMessages().length);
        } finally {
            greenMail.stop();
            jdbc.update("UPDATE messaging_settings SET smtp_host = NULL, smtp_port = NULL, version = version + 1 WHERE id = 1");
        }
    }

    /** Everything the benchmark made: its enrolments, their touches and mail, the entries on the timeline. */
    private void cleanUp() {
        tx.executeWithoutResult(status -> cleanUpInOneConnection());
    }

    private void cleanUpInOneConnection() {
        jdbc.execute("CREATE TEMPORARY TABLE IF NOT EXISTS bench_touch (id BIGINT PRIMARY KEY, contact_id BIGINT)");
        jdbc.update("INSERT IGNORE INTO bench_touch SELECT t.id, t.contact_id FROM scheduled_touch t "
                + "JOIN cadence_enrolment e ON e.id = t.enrolment_id WHERE e.segment_entered_at = ?", MARKER);
        jdbc.update("DELETE a FROM activity a JOIN email_outbox o ON o.contact_id = a.contact_id "
                + "JOIN bench_touch b ON b.id = o.touch_id WHERE a.type = 'EMAIL_SENT' "
                + "AND JSON_VALUE(a.payload, '$.outboxId') = o.id");
        jdbc.update("DELETE o FROM email_outbox o JOIN bench_touch b ON b.id = o.touch_id");
        long t = System.nanoTime();
        // the touches first: their own trigger takes each off the calendar counts, cheaper than the enrolment's
        jdbc.update("DELETE t FROM scheduled_touch t JOIN bench_touch b ON b.id = t.id");
        jdbc.update("DELETE FROM cadence_enrolment WHERE segment_entered_at = ?", MARKER);
        System.out.printf("  clean-up: enrolments and touches deleted in %,d ms%n", ms(t));
        jdbc.update("UPDATE contact c JOIN (SELECT DISTINCT contact_id FROM bench_touch) b ON b.contact_id = c.id "
                + "SET c.next_touch_at = (SELECT MIN(t.due_at) FROM scheduled_touch t WHERE t.contact_id = c.id "
                + "AND t.status IN ('PLANNED', 'DUE'))");
        jdbc.execute("DROP TEMPORARY TABLE bench_touch");
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
