package com.leadflow.messaging.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.messaging.EmailSender;
import com.leadflow.messaging.SentMail;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.GridKt._clickItem;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** "Sent mail" in demo mode: the badge names the demo SMTP server, a message shows as the server received it. */
class SentMailViewTest extends AbstractViewTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired EmailSender sender;

    private String email;

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE o FROM email_outbox o JOIN contact c ON c.id = o.contact_id WHERE c.email = ?", email);
        jdbc.update("DELETE FROM contact WHERE email = ?", email);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSentMessageShowsAsTheDemoSmtpServerReceivedIt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        testClock.set(now);
        email = "sentview-" + UUID.randomUUID().toString().substring(0, 10) + "@example.com";
        Timestamp at = Timestamp.from(now);
        jdbc.update("INSERT INTO contact (first_name, last_name, email, country, created_at, updated_at) "
                + "VALUES ('Vera', 'Viewer', ?, 'GB', ?, ?)", email, at, at);
        jdbc.update("INSERT INTO email_outbox (idempotency_key, contact_id, template_id, status, next_attempt_at, created_at) "
                + "SELECT ?, c.id, t.id, 'PENDING', ?, ? FROM contact c, email_template t "
                + "WHERE c.email = ? AND t.system_key = 'MONTHLY_CONTENT'", "view-" + UUID.randomUUID(), at, at, email);
        sender.sendAllDue();

        login("maria");
        UI.getCurrent().navigate("sent-mail");
        assertThat(_get(Span.class, spec -> spec.withId("sent-mode")).getText()).startsWith("Demo SMTP server");
        _setValue(_get(TextField.class, spec -> spec.withId("sent-search")), email);
        Grid<SentMail> grid = _get(Grid.class, spec -> spec.withId("sent-grid"));
        assertThat(_size(grid)).isEqualTo(1);
        _clickItem(grid, 0);

        Dialog dialog = _get(Dialog.class, spec -> spec.withId("sent-message"));
        Details received = _get(dialog, Details.class);
        assertThat(received.getSummaryText()).contains(email);
        received.setOpened(true);
        assertThat(_get(received, Pre.class).getText()).contains("Message-ID: <view-").contains("To: " + email);
    }
}
