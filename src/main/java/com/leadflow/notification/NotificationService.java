package com.leadflow.notification;

import com.leadflow.security.CurrentUserProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Notifications for one user: @mentions, speed-to-lead warnings, assigned tasks. Any feature sends one; only the
 * recipient reads or dismisses theirs.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class NotificationService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final CurrentUserProvider currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationService(JdbcTemplate jdbc, CurrentUserProvider currentUser, ApplicationEventPublisher events,
                        Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sends a notification; it commits with the caller's transaction (or on its own) and the recipient's bell
     * updates after commit. Parameters are stored as text and formatted into the message in the reader's language.
     */
    @PreAuthorize("permitAll()") // the system notifies too (SLA clock, schedulers)
    @Transactional
    public long send(long userId, Long contactId, String kind, String messageKey, Object... params) {
        List<String> texts = Arrays.stream(params).map(p -> Objects.toString(p, "")).toList();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO notification (user_id, contact_id, kind, message_key, params_json, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            insert.setLong(1, userId);
            insert.setObject(2, contactId);
            insert.setString(3, kind);
            insert.setString(4, messageKey);
            insert.setString(5, JSON.writeValueAsString(texts));
            insert.setTimestamp(6, Timestamp.from(clock.instant()));
            return insert;
        }, key);
        long id = Objects.requireNonNull(key.getKey()).longValue();
        events.publishEvent(new NotificationCreatedEvent(id, userId));
        return id;
    }

    @Transactional(readOnly = true)
    public List<Notification> latestForMe(int limit) {
        return jdbc.query("""
                SELECT id, user_id, contact_id, kind, message_key, params_json, created_at, read_at
                FROM notification WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""",
                NOTIFICATION, currentUser.require().id(), limit);
    }

    @Transactional(readOnly = true)
    public int unreadCountForMe() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE user_id = ? AND read_at IS NULL",
                Integer.class, currentUser.require().id());
        return count == null ? 0 : count;
    }

    @Transactional
    public void markAllReadForMe() {
        jdbc.update("UPDATE notification SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                Timestamp.from(clock.instant()), currentUser.require().id());
    }

    /** Marks one of the caller's own notifications read; someone else's is left alone. */
    @Transactional
    public void markRead(long notificationId) {
        jdbc.update("UPDATE notification SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL",
                Timestamp.from(clock.instant()), notificationId, currentUser.require().id());
    }

    private static final RowMapper<Notification> NOTIFICATION = (rs, row) -> {
        Timestamp readAt = rs.getTimestamp("read_at");
        return new Notification(rs.getLong("id"), rs.getLong("user_id"), (Long) rs.getObject("contact_id", Long.class),
                rs.getString("kind"), rs.getString("message_key"),
                JSON.readValue(rs.getString("params_json"), STRINGS),
                rs.getTimestamp("created_at").toInstant(), readAt == null ? null : readAt.toInstant());
    };
}
