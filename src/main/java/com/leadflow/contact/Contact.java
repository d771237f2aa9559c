package com.leadflow.contact;

import jakarta.persistence.*;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.Objects;

/**
 * A lead or customer, with the profile every team member keeps current. Updates write only changed columns, so a
 * profile save never rewrites the score or stage that the rules engine set meanwhile.
 */
@Entity
@DynamicUpdate
@Table(name = "contact")
public class Contact {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "first_name", nullable = false, length = 100)
    private String firstName;
    @Column(name = "last_name", nullable = false, length = 100)
    private String lastName;
    @Column(name = "email", length = 254)
    private String email;
    @Column(name = "phone", length = 40)
    private String phone;
    @Column(name = "company", length = 200)
    private String company;
    @Column(name = "job_title", length = 120)
    private String jobTitle;
    @Column(name = "country", length = 2)
    private String country;
    @Column(name = "city", length = 100)
    private String city;
    @Column(name = "product_interest", length = 100)
    private String productInterest;

    @Enumerated(EnumType.STRING)
    @Column(name = "preferred_channel", nullable = false, length = 20)
    private PreferredChannel preferredChannel = PreferredChannel.EMAIL;
    @Enumerated(EnumType.STRING)
    @Column(name = "first_touch_source", length = 30)
    private FirstTouchSource firstTouchSource;
    @Column(name = "first_touch_at")
    private Instant firstTouchAt;
    @Column(name = "first_touch_campaign", length = 150)
    private String firstTouchCampaign;
    @Column(name = "first_touch_context", length = 1000)
    private String firstTouchContext;

    @Column(name = "owner_id")
    private Long ownerId;
    @Column(name = "team_id")
    private Long teamId;

    @Enumerated(EnumType.STRING)
    @Column(name = "lifecycle_stage", nullable = false, length = 20)
    private LifecycleStage lifecycleStage = LifecycleStage.SUBSCRIBER;
    @Column(name = "funnel_stage", nullable = false, length = 40)
    private String funnelStage = "UNINTERESTED";
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private ContactStatus status = ContactStatus.OPEN;
    /** A code of the editable lost-reason list ({@code lost_reason} table). */
    @Column(name = "lost_reason", length = 20)
    private String lostReason;
    @Column(name = "lost_note", length = 1000)
    private String lostNote;
    @Column(name = "stage_entered_at", nullable = false)
    private Instant stageEnteredAt = Instant.now();

    @Column(name = "do_not_contact", nullable = false)
    private boolean doNotContact;
    @Column(name = "do_not_contact_reason", length = 500)
    private String doNotContactReason;
    @Column(name = "do_not_contact_at")
    private Instant doNotContactAt;

    @Column(name = "score", nullable = false)
    private int score;
    @Enumerated(EnumType.STRING)
    @Column(name = "temperature", nullable = false, length = 10)
    private Temperature temperature = Temperature.COLD;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();
    @Column(name = "last_activity_at")
    private Instant lastActivityAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Contact() {
    }

    public Contact(String firstName, String lastName) {
        this.firstName = firstName;
        this.lastName = lastName;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public Long getId() { return id; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getCompany() { return company; }
    public void setCompany(String company) { this.company = company; }
    public String getJobTitle() { return jobTitle; }
    public void setJobTitle(String jobTitle) { this.jobTitle = jobTitle; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getProductInterest() { return productInterest; }
    public void setProductInterest(String productInterest) { this.productInterest = productInterest; }
    public PreferredChannel getPreferredChannel() { return preferredChannel; }
    public void setPreferredChannel(PreferredChannel preferredChannel) { this.preferredChannel = preferredChannel; }
    public FirstTouchSource getFirstTouchSource() { return firstTouchSource; }
    public void setFirstTouchSource(FirstTouchSource firstTouchSource) { this.firstTouchSource = firstTouchSource; }
    public Instant getFirstTouchAt() { return firstTouchAt; }
    public void setFirstTouchAt(Instant firstTouchAt) { this.firstTouchAt = firstTouchAt; }
    public String getFirstTouchCampaign() { return firstTouchCampaign; }
    public void setFirstTouchCampaign(String firstTouchCampaign) { this.firstTouchCampaign = firstTouchCampaign; }
    public String getFirstTouchContext() { return firstTouchContext; }
    public void setFirstTouchContext(String firstTouchContext) { this.firstTouchContext = firstTouchContext; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public Long getTeamId() { return teamId; }
    public void setTeamId(Long teamId) { this.teamId = teamId; }
    public LifecycleStage getLifecycleStage() { return lifecycleStage; }
    public void setLifecycleStage(LifecycleStage lifecycleStage) { this.lifecycleStage = lifecycleStage; }
    public String getFunnelStage() { return funnelStage; }
    public void setFunnelStage(String funnelStage) { this.funnelStage = funnelStage; }
    public ContactStatus getStatus() { return status; }
    public void setStatus(ContactStatus status) { this.status = status; }
    public String getLostReason() { return lostReason; }
    public void setLostReason(String lostReason) { this.lostReason = lostReason; }
    public Instant getStageEnteredAt() { return stageEnteredAt; }
    public void setStageEnteredAt(Instant stageEnteredAt) { this.stageEnteredAt = stageEnteredAt; }
    public String getLostNote() { return lostNote; }
    public void setLostNote(String lostNote) { this.lostNote = lostNote; }
    public boolean isDoNotContact() { return doNotContact; }
    public void setDoNotContact(boolean doNotContact) { this.doNotContact = doNotContact; }
    public String getDoNotContactReason() { return doNotContactReason; }
    public void setDoNotContactReason(String doNotContactReason) { this.doNotContactReason = doNotContactReason; }
    public Instant getDoNotContactAt() { return doNotContactAt; }
    public void setDoNotContactAt(Instant doNotContactAt) { this.doNotContactAt = doNotContactAt; }
    public int getScore() { return score; }
    public void setScore(int score) { this.score = score; }
    public Temperature getTemperature() { return temperature; }
    public void setTemperature(Temperature temperature) { this.temperature = temperature; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getLastActivityAt() { return lastActivityAt; }
    public void setLastActivityAt(Instant lastActivityAt) { this.lastActivityAt = lastActivityAt; }
    public long getVersion() { return version; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Contact other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(getClass());
    }
}
