package com.leadflow.timeline;

import jakarta.persistence.*;

import java.time.Instant;
import java.util.Objects;

/** One entry on a contact's timeline; the payload holds the type's details as JSON. */
@Entity
@Table(name = "activity")
public class Activity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "contact_id", nullable = false)
    private long contactId;

    @Enumerated(EnumType.STRING)
    @Column(name = "type", nullable = false, length = 30)
    private ActivityType type;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_kind", nullable = false, length = 10)
    private AuthorKind authorKind;

    @Column(name = "author_user_id")
    private Long authorUserId;

    @Column(name = "author_label", length = 120)
    private String authorLabel;

    @Column(name = "summary", length = 500)
    private String summary;

    @Column(name = "payload", columnDefinition = "longtext")
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Activity() {
    }

    public Activity(long contactId, ActivityType type, Instant occurredAt, AuthorKind authorKind,
                    Long authorUserId, String authorLabel, String summary, String payload) {
        this.contactId = contactId;
        this.type = type;
        this.occurredAt = occurredAt;
        this.authorKind = authorKind;
        this.authorUserId = authorUserId;
        this.authorLabel = authorLabel;
        this.summary = summary;
        this.payload = payload;
    }

    public Long getId() { return id; }
    public long getContactId() { return contactId; }
    public ActivityType getType() { return type; }
    public Instant getOccurredAt() { return occurredAt; }
    public AuthorKind getAuthorKind() { return authorKind; }
    public Long getAuthorUserId() { return authorUserId; }
    public String getAuthorLabel() { return authorLabel; }
    public String getSummary() { return summary; }
    public String getPayload() { return payload; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Activity other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(getClass());
    }
}
