package com.leadflow.notification;

import com.leadflow.AbstractIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationServiceTest extends AbstractIntegrationTest {

    @Autowired
    NotificationService notifications;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void cleanUp() {
        clearAuthentication();
        jdbc.update("DELETE FROM notification");
    }

    @Test
    void onlyTheRecipientSeesAndReadsTheirNotifications() {
        long samId = authenticate("sam").user().id();
        clearAuthentication();
        // the system sends, with nobody logged in
        notifications.send(samId, null, "MENTION", "notification.test", "Maria", 'x', 42);

        as("olga", () -> {
            assertThat(notifications.unreadCountForMe()).isZero();
            assertThat(notifications.latestForMe(10)).isEmpty();
            return null;
        });
        authenticate("sam");
        assertThat(notifications.unreadCountForMe()).isEqualTo(1);
        Notification only = notifications.latestForMe(10).getFirst();
        assertThat(only.params()).containsExactly("Maria", "x", "42");
        assertThat(only.unread()).isTrue();

        as("olga", () -> {
            notifications.markRead(only.id()); // not hers: nothing happens
            return null;
        });
        assertThat(notifications.unreadCountForMe()).isEqualTo(1);
        notifications.markAllReadForMe();
        assertThat(notifications.unreadCountForMe()).isZero();
        assertThat(notifications.latestForMe(10).getFirst().unread()).isFalse();
    }
}
