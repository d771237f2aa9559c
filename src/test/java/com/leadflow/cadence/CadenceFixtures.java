package com.leadflow.cadence;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Contacts for cadence tests, written straight to the table so each test controls stage, status and activity. */
final class CadenceFixtures {

    private CadenceFixtures() {
    }

    static String uniqueEmail() {
        return "cad-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    /** A contact with the given stage and status, quiet for {@code quietDays}, owned by {@code owner}. */
    static long contact(JdbcTemplate jdbc, String email, String lifecycle, String status, int quietDays, String owner,
                        Instant now) {
        Timestamp lastActivity = Timestamp.from(now.minus(Duration.ofDays(quietDays)));
        Timestamp created = Timestamp.from(now.minus(Duration.ofDays(quietDays + 30)));
        jdbc.update("""
                INSERT INTO contact (first_name, last_name, email, company, lifecycle_stage, status, owner_id, team_id,
                                     created_at, updated_at, last_activity_at, preferred_channel)
                SELECT 'Test', ?, ?, 'Cadence Test Ltd', ?, ?, u.id, u.team_id, ?, ?, ?, 'EMAIL'
                FROM app_user u WHERE u.username = ?""",
                "Cadence" + UUID.randomUUID().toString().substring(0, 6), email, lifecycle, status, created, created,
                lastActivity, owner);
        return jdbc.queryForObject("SELECT id FROM contact WHERE email = ?", Long.class, email);
    }

    static void delete(JdbcTemplate jdbc, long contactId) {
        jdbc.update("DELETE FROM email_suppression WHERE contact_id = ?", contactId);
        jdbc.update("DELETE FROM email_outbox WHERE contact_id = ?", contactId);
        jdbc.update("DELETE FROM scheduled_touch WHERE contact_id = ?", contactId);
        jdbc.update("DELETE FROM cadence_enrolment WHERE contact_id = ?", contactId);
        jdbc.update("UPDATE segment s SET member_count = GREATEST(member_count - 1, 0) WHERE EXISTS "
                + "(SELECT 1 FROM segment_member m WHERE m.segment_id = s.id AND m.contact_id = ?)", contactId);
        jdbc.update("DELETE FROM contact WHERE id = ?", contactId);
    }
}
