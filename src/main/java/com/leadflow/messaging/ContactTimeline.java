package com.leadflow.messaging;

import com.leadflow.timeline.ActivityRecordedEvent;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.AuthorKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes timeline entries for sent mail, unsubscribes and completed tasks at the application clock's time and
 * publishes the shared {@link ActivityRecordedEvent}, exactly as {@code TimelineService} does for its entries.
 */
@Component
public class ContactTimeline {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    ContactTimeline(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** An entry by a person ({@code userId} set) or by the system; joins the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(long contactId, ActivityType type, Instant at, Long userId, String authorLabel, String summary,
                       String payloadJson) {
        AuthorKind author = userId == null ? AuthorKind.SYSTEM : AuthorKind.USER;
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO activity (contact_id, type, occurred_at, author_kind, author_user_id, author_label,
                                          summary, payload, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            insert.setLong(1, contactId);
            insert.setString(2, type.name());
            insert.setTimestamp(3, Timestamp.from(at));
            insert.setString(4, author.name());
            insert.setObject(5, userId);
            insert.setString(6, authorLabel);
            insert.setString(7, summary == null || summary.length() <= 500 ? summary : summary.substring(0, 497) + "...");
            insert.setString(8, payloadJson);
            insert.setTimestamp(9, Timestamp.from(at));
            return insert;
        }, key);
        long id = Objects.requireNonNull(key.getKey()).longValue();
        events.publishEvent(new ActivityRecordedEvent(id, contactId, type, author, userId, at));
        return id;
    }
}
