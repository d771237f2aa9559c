package com.leadflow.notification.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.notification.NotificationService;
import com.leadflow.security.LeadflowUserDetails;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class NotificationBellTest extends AbstractViewTest {

    @Autowired
    NotificationService notifications;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private ContactForm contact;
    private long olgaId;

    @BeforeEach
    void setUp() {
        contact = as("admin", () -> contacts.create(ContactFixtures.contact("Bella", "Bellova", ContactFixtures.marker())));
        olgaId = ((LeadflowUserDetails) userDetailsService.loadUserByUsername("olga")).user().id();
        jdbc.update("DELETE FROM notification WHERE user_id = ?", olgaId);
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM notification WHERE user_id = ?", olgaId);
        jdbc.update("DELETE FROM contact WHERE id = ?", contact.getId());
    }

    private void send() {
        notifications.send(olgaId, contact.getId(), "MENTION", "timeline.notification.mention", "Sam Carter",
                "Bella Bellova");
    }

    @Test
    void showsUnreadCountListsInTheReadersLanguageAndOpensTheContact() {
        send();
        login("olga");
        UI.getCurrent().navigate("contacts");
        assertThat(_get(Span.class, spec -> spec.withId("notification-count")).getText()).isEqualTo("1");

        _click(_get(Button.class, spec -> spec.withId("notification-bell")));
        _get(NotificationBell.class).open();
        Div list = _get(Div.class, spec -> spec.withId("notification-list"));
        Button item = _get(list, Button.class, spec -> spec.withClasses("notification-open"));
        assertThat(item.getText()).isEqualTo("Sam Carter mentioned you in a note on Bella Bellova");

        _click(item);
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("contact/" + contact.getId());
        assertThat(_find(Span.class, spec -> spec.withId("notification-count"))).isEmpty(); // none unread: hidden
        assertThat(jdbc.queryForObject("SELECT read_at IS NOT NULL FROM notification WHERE user_id = ?", Boolean.class,
                olgaId)).isTrue();
    }

    @Test
    void aNewNotificationArrivesLiveAndMarkAllReadClearsTheCount() throws Exception {
        login("olga");
        UI.getCurrent().navigate("contacts");
        assertThat(_find(Span.class, spec -> spec.withId("notification-count"))).isEmpty();

        Thread other = new Thread(this::send);
        other.start();
        other.join();
        MockVaadin.clientRoundtrip(false);
        assertThat(_get(Span.class, spec -> spec.withId("notification-count")).getText()).isEqualTo("1");

        _get(NotificationBell.class).open();
        _click(_get(Button.class, spec -> spec.withId("notification-mark-all")));
        assertThat(_find(Span.class, spec -> spec.withId("notification-count"))).isEmpty();
    }
}
