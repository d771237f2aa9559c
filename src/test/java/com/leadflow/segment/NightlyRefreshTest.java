package com.leadflow.segment;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Time alone lowers a score: the nightly refresh, run with nobody logged in, applies the decay. */
class NightlyRefreshTest extends AbstractIntegrationTest {

    @Autowired
    NightlyRefresh nightly;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private Long contactId;

    @AfterEach
    void cleanUp() {
        clearAuthentication();
        if (contactId != null) {
            as("admin", () -> {
                contacts.delete(contactId);
                return null;
            });
        }
    }

    @Test
    void scoresDecayOvernightWithoutAnyEdit() {
        ContactForm form = ContactFixtures.contact("Night", "Owl", ContactFixtures.marker());
        contactId = as("maria", () -> contacts.create(form)).getId();
        LocalDateTime yesterday = LocalDateTime.now(ZoneOffset.UTC).minusDays(1);
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, created_at) "
                + "VALUES (?, 'CONTENT_DOWNLOAD', ?, 'SYSTEM', ?)", contactId, yesterday, yesterday);
        jdbc.update("UPDATE contact SET last_activity_at = ? WHERE id = ?", yesterday, contactId);

        nightly.scheduledRun();
        int fresh = score();

        // three half-lives later, with no edit in between
        jdbc.update("UPDATE activity SET occurred_at = occurred_at - INTERVAL 90 DAY WHERE contact_id = ?", contactId);
        jdbc.update("UPDATE contact SET last_activity_at = last_activity_at - INTERVAL 90 DAY WHERE id = ?", contactId);
        nightly.scheduledRun();

        assertThat(score()).isLessThan(fresh);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'SCORE_CHANGE' "
                + "AND author_kind = 'SYSTEM'", Integer.class, contactId)).isPositive();
    }

    private int score() {
        return jdbc.queryForObject("SELECT score FROM contact WHERE id = ?", Integer.class, contactId);
    }
}
