package com.leadflow.audit;

import jakarta.persistence.*;

import java.time.Instant;

/** One row of the audit log: who changed which record, when, and the old and new values. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor_user_id")
    private Long actorUserId;

    @Column(name = "actor_name", nullable = false, length = 120)
    private String actorName;

    @Column(name = "entity_type", nullable = false, length = 40)
    private String entityType;

    @Column(name = "entity_id", nullable = false)
    private long entityId;

    @Column(name = "action", nullable = false, length = 20)
    private String action;

    @Column(name = "changes", columnDefinition = "longtext")
    private String changes;

    protected AuditEntry() {
    }

    AuditEntry(Instant occurredAt, Long actorUserId, String actorName, String entityType, long entityId,
               String action, String changes) {
        this.occurredAt = occurredAt;
        this.actorUserId = actorUserId;
        this.actorName = actorName;
        this.entityType = entityType;
        this.entityId = entityId;
        this.action = action;
        this.changes = changes;
    }

    public Long getId() { return id; }
    public Instant getOccurredAt() { return occurredAt; }
    public Long getActorUserId() { return actorUserId; }
    public String getActorName() { return actorName; }
    public String getEntityType() { return entityType; }
    public long getEntityId() { return entityId; }
    public String getAction() { return action; }
    public String getChanges() { return changes; }
}
