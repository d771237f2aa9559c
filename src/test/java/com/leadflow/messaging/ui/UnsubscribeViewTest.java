package com.leadflow.messaging.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.messaging.UnsubscribeTokens;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The public unsubscribe page, with nobody logged in: confirm in the contact's language, then done. */
class UnsubscribeViewTest extends AbstractViewTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired UnsubscribeTokens tokens;

    private long contactId;

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM email_suppression WHERE contact_id = ?", contactId);
        jdbc.update("DELETE FROM contact WHERE id = ?", contactId);
    }

    private long contact(String country) {
        String email = "page-" + UUID.randomUUID().toString().substring(0, 10) + "@example.com";
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("INSERT INTO contact (first_name, last_name, email, country, created_at, updated_at) "
                + "VALUES ('Pavel', 'Page', ?, ?, ?, ?)", email, country, now, now);
        contactId = jdbc.queryForObject("SELECT id FROM contact WHERE email = ?", Long.class, email);
        return contactId;
    }

    @Test
    void anonymousVisitorConfirmsAndIsUnsubscribedInTheirLanguage() {
        long id = contact("RU");
        UI.getCurrent().navigate("unsubscribe/" + tokens.token(id));
        assertThat(_get(H1.class).getText()).isEqualTo("Отписка");
        assertThat(jdbc.queryForObject("SELECT do_not_contact FROM contact WHERE id = ?", Boolean.class, id))
                .as("opening the link alone changes nothing").isFalse();

        _click(_get(Button.class, spec -> spec.withId("unsubscribe-confirm")));
        assertThat(_get(Paragraph.class, spec -> spec.withId("unsubscribe-done")).getText()).contains("p***@example.com");
        assertThat(jdbc.queryForObject("SELECT do_not_contact FROM contact WHERE id = ?", Boolean.class, id)).isTrue();
    }

    @Test
    void aDamagedLinkSaysSoAndChangesNothing() {
        long id = contact("GB");
        UI.getCurrent().navigate("unsubscribe/" + id + ".notavalidsignature");
        assertThat(_get(H1.class).getText()).isEqualTo("This link does not work");
        assertThat(jdbc.queryForObject("SELECT do_not_contact FROM contact WHERE id = ?", Boolean.class, id)).isFalse();
    }
}
