package com.leadflow.segment;

import jakarta.persistence.*;

import java.time.Instant;
import java.util.Objects;

/** A named rule over contacts whose matching contacts are kept as its members. */
@Entity
@Table(name = "segment")
public class Segment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "system_key", length = 40)
    private String systemKey;

    @Column(name = "name", nullable = false, length = 120)
    private String name;

    @Column(name = "description", length = 1000)
    private String description;

    @Column(name = "rule_json", nullable = false, columnDefinition = "longtext")
    private String ruleJson;

    @Column(name = "no_correspondence", nullable = false)
    private boolean noCorrespondence;

    @Column(name = "owner_id")
    private Long ownerId;

    @Column(name = "member_count", nullable = false)
    private int memberCount;

    @Column(name = "refreshed_at")
    private Instant refreshedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected Segment() {
    }

    public Segment(String name, String ruleJson) {
        this.name = name;
        this.ruleJson = ruleJson;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public Long getId() { return id; }
    public String getSystemKey() { return systemKey; }
    public void setSystemKey(String systemKey) { this.systemKey = systemKey; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getRuleJson() { return ruleJson; }
    public void setRuleJson(String ruleJson) { this.ruleJson = ruleJson; }
    public boolean isNoCorrespondence() { return noCorrespondence; }
    public void setNoCorrespondence(boolean noCorrespondence) { this.noCorrespondence = noCorrespondence; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public int getMemberCount() { return memberCount; }
    public Instant getRefreshedAt() { return refreshedAt; }
    public long getVersion() { return version; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Segment other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(getClass());
    }
}
