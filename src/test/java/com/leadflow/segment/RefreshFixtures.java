package com.leadflow.segment;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Facts changed behind the application's back, and what the rules made of them, for the refresh tests. */
final class RefreshFixtures {

    private RefreshFixtures() {
    }

    /** Half a day off whole days, so that no day boundary of a window or of the decay is crossed during a test. */
    static LocalDateTime daysAgo(double days) {
        return LocalDateTime.now(ZoneOffset.UTC).minusMinutes(Math.round(days * 24 * 60));
    }

    /** An activity written directly, with the contact's last activity moved as ingestion would. */
    static void activity(JdbcTemplate jdbc, long contactId, String type, double daysAgo) {
        LocalDateTime at = daysAgo(daysAgo);
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, created_at) "
                + "VALUES (?, ?, ?, 'SYSTEM', ?)", contactId, type, at, at);
        jdbc.update("UPDATE contact SET last_activity_at = GREATEST(COALESCE(last_activity_at, ?), ?) WHERE id = ?",
                at, at, contactId);
    }

    /** Score, temperature, lifecycle stage, segments and open cadence enrolments of a contact. */
    static Map<String, Object> state(JdbcTemplate jdbc, long contactId) {
        return jdbc.queryForMap("""
                SELECT c.score, c.temperature, c.lifecycle_stage,
                       (SELECT GROUP_CONCAT(m.segment_id ORDER BY m.segment_id) FROM segment_member m
                        WHERE m.contact_id = c.id) AS segments,
                       (SELECT GROUP_CONCAT(e.cadence_id ORDER BY e.cadence_id) FROM cadence_enrolment e
                        WHERE e.contact_id = c.id AND e.ended_at IS NULL) AS cadences
                FROM contact c WHERE c.id = ?""", contactId);
    }

    /** Whether the contact is a member of the default segment with that system key. */
    static boolean member(JdbcTemplate jdbc, String systemKey, long contactId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM segment_member m JOIN segment s ON s.id = m.segment_id "
                + "WHERE s.system_key = ? AND m.contact_id = ?", Integer.class, systemKey, contactId) > 0;
    }

    /** Six contacts whose facts change behind the application's back, each in a way one rule step must notice. */
    record Scenario(long engaged, long called, long dormant, long lost, long held, long overscored) {

        /** Creates the six contacts with {@code create} (given a first name). */
        static Scenario create(Function<String, Long> create) {
            return new Scenario(create.apply("Engaged"), create.apply("Called"), create.apply("Dormant"),
                    create.apply("Lost"), create.apply("Held"), create.apply("Overscored"));
        }

        List<Long> ids() {
            return List.of(engaged, called, dormant, lost, held, overscored);
        }

        /**
         * The changes, as time and imports make them (no change events); {@code moveHeldBack} moves {@code held}
         * back to LEAD as a person does, which holds it there.
         */
        void changeBehindTheBack(JdbcTemplate jdbc, Runnable moveHeldBack) {
            jdbc.update("UPDATE contact SET job_title = 'Head of Marketing', country = 'DE' WHERE id = ?", engaged);
            activity(jdbc, engaged, "CONTENT_DOWNLOAD", 2.5);
            for (int i = 0; i < 3; i++) {
                activity(jdbc, engaged, "PAGE_VIEW", 3.5 + i);
            }
            activity(jdbc, called, "CALL", 5.5);
            jdbc.update("UPDATE contact SET lifecycle_stage = 'MQL', created_at = ?, last_activity_at = ? WHERE id = ?",
                    daysAgo(200.5), daysAgo(100.5), dormant);
            jdbc.update("UPDATE contact SET status = 'LOST', lost_reason = 'BUDGET' WHERE id = ?", lost);
            jdbc.update("UPDATE contact SET lifecycle_stage = 'SQL' WHERE id = ?", held);
            moveHeldBack.run();
            activity(jdbc, held, "CALL", 1.5); // before the hold: does not release it
            jdbc.update("UPDATE contact SET score = 95, temperature = 'HOT' WHERE id = ?", overscored);
        }

        /** What the rules must have made of the changes ({@code engagedScoreBefore}: read before deciding). */
        void assertDecided(JdbcTemplate jdbc, int engagedScoreBefore) {
            assertThat((Integer) state(jdbc, engaged).get("score")).isGreaterThan(engagedScoreBefore);
            assertThat(state(jdbc, called).get("lifecycle_stage")).isEqualTo("SQL");
            assertThat(member(jdbc, "DORMANT_MQL", dormant)).isTrue();
            assertThat(member(jdbc, "CLOSED_LOST", lost)).isTrue();
            assertThat(state(jdbc, held).get("lifecycle_stage")).isEqualTo("LEAD");
            assertThat((Integer) state(jdbc, overscored).get("score")).isLessThan(95);
        }
    }
}
