package com.leadflow.contact;

import com.leadflow.audit.FieldChange;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The editable copy of a contact that a form binds to; carries the version it was read at. */
public class ContactForm {

    private Long id;
    private Long version;

    @NotBlank(message = "{validation.firstName.required}")
    @Size(max = 100, message = "{validation.tooLong}")
    private String firstName = "";
    @NotBlank(message = "{validation.lastName.required}")
    @Size(max = 100, message = "{validation.tooLong}")
    private String lastName = "";
    @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "{validation.email.invalid}")
    @Size(max = 254, message = "{validation.tooLong}")
    private String email;
    @Pattern(regexp = "^$|^\\+?[0-9][0-9 ()./-]{4,38}$", message = "{validation.phone.invalid}")
    private String phone;
    @Size(max = 200, message = "{validation.tooLong}")
    private String company;
    @Size(max = 120, message = "{validation.tooLong}")
    private String jobTitle;
    @Pattern(regexp = "^$|^[A-Z]{2}$", message = "{validation.country.invalid}")
    private String country;
    @Size(max = 100, message = "{validation.tooLong}")
    private String city;
    @Size(max = 100, message = "{validation.tooLong}")
    private String productInterest;
    @NotNull(message = "{validation.required}")
    private PreferredChannel preferredChannel = PreferredChannel.EMAIL;
    private FirstTouchSource firstTouchSource;
    private Instant firstTouchAt;
    @Size(max = 150, message = "{validation.tooLong}")
    private String firstTouchCampaign;
    @Size(max = 1000, message = "{validation.tooLong}")
    private String firstTouchContext;
    private Long ownerId;
    private Long teamId;
    @NotNull(message = "{validation.required}")
    private LifecycleStage lifecycleStage = LifecycleStage.SUBSCRIBER;
    @NotBlank(message = "{validation.required}")
    private String funnelStage = "UNINTERESTED";
    @NotNull(message = "{validation.required}")
    private ContactStatus status = ContactStatus.OPEN;
    /** A code of the editable lost-reason list. */
    private String lostReason;
    @Size(max = 1000, message = "{validation.tooLong}")
    private String lostNote;
    private boolean doNotContact;
    @Size(max = 500, message = "{validation.tooLong}")
    private String doNotContactReason;

    // read-only in the form: filled by the rules engine and the timeline
    private int score;
    private Temperature temperature = Temperature.COLD;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant lastActivityAt;
    private Instant doNotContactAt;

    /** The fields a person edits, by name, for diffs in the audit log, the timeline and conflict messages. */
    private static final Map<String, Function<ContactForm, Object>> EDITABLE = new LinkedHashMap<>();

    static {
        EDITABLE.put("firstName", ContactForm::getFirstName);
        EDITABLE.put("lastName", ContactForm::getLastName);
        EDITABLE.put("email", ContactForm::getEmail);
        EDITABLE.put("phone", ContactForm::getPhone);
        EDITABLE.put("company", ContactForm::getCompany);
        EDITABLE.put("jobTitle", ContactForm::getJobTitle);
        EDITABLE.put("country", ContactForm::getCountry);
        EDITABLE.put("city", ContactForm::getCity);
        EDITABLE.put("productInterest", ContactForm::getProductInterest);
        EDITABLE.put("preferredChannel", ContactForm::getPreferredChannel);
        EDITABLE.put("firstTouchSource", ContactForm::getFirstTouchSource);
        EDITABLE.put("firstTouchAt", ContactForm::getFirstTouchAt);
        EDITABLE.put("firstTouchCampaign", ContactForm::getFirstTouchCampaign);
        EDITABLE.put("firstTouchContext", ContactForm::getFirstTouchContext);
        EDITABLE.put("ownerId", ContactForm::getOwnerId);
        EDITABLE.put("teamId", ContactForm::getTeamId);
        EDITABLE.put("lifecycleStage", ContactForm::getLifecycleStage);
        EDITABLE.put("funnelStage", ContactForm::getFunnelStage);
        EDITABLE.put("status", ContactForm::getStatus);
        EDITABLE.put("lostReason", ContactForm::getLostReason);
        EDITABLE.put("lostNote", ContactForm::getLostNote);
        EDITABLE.put("doNotContact", ContactForm::isDoNotContact);
        EDITABLE.put("doNotContactReason", ContactForm::getDoNotContactReason);
    }

    /** Field-by-field differences from {@code before} to {@code after}; blank text counts as empty. */
    public static List<FieldChange> differences(ContactForm before, ContactForm after) {
        List<FieldChange> changes = new ArrayList<>();
        EDITABLE.forEach((field, getter) -> {
            String oldValue = text(getter.apply(before));
            String newValue = text(getter.apply(after));
            if (!Objects.equals(oldValue, newValue)) {
                changes.add(new FieldChange(field, oldValue, newValue));
            }
        });
        return changes;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    public ContactForm copy() {
        ContactForm c = new ContactForm();
        c.id = id; c.version = version; c.firstName = firstName; c.lastName = lastName; c.email = email;
        c.phone = phone; c.company = company; c.jobTitle = jobTitle; c.country = country; c.city = city;
        c.productInterest = productInterest; c.preferredChannel = preferredChannel;
        c.firstTouchSource = firstTouchSource; c.firstTouchAt = firstTouchAt;
        c.firstTouchCampaign = firstTouchCampaign; c.firstTouchContext = firstTouchContext;
        c.ownerId = ownerId; c.teamId = teamId; c.lifecycleStage = lifecycleStage; c.funnelStage = funnelStage;
        c.status = status; c.lostReason = lostReason; c.lostNote = lostNote; c.doNotContact = doNotContact;
        c.doNotContactReason = doNotContactReason; c.score = score; c.temperature = temperature;
        c.createdAt = createdAt; c.updatedAt = updatedAt; c.lastActivityAt = lastActivityAt;
        c.doNotContactAt = doNotContactAt;
        return c;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
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
    /** One of the built-in reasons, by its code. */
    public void setLostReason(LostReason lostReason) { this.lostReason = lostReason == null ? null : lostReason.name(); }
    public String getLostNote() { return lostNote; }
    public void setLostNote(String lostNote) { this.lostNote = lostNote; }
    public boolean isDoNotContact() { return doNotContact; }
    public void setDoNotContact(boolean doNotContact) { this.doNotContact = doNotContact; }
    public String getDoNotContactReason() { return doNotContactReason; }
    public void setDoNotContactReason(String doNotContactReason) { this.doNotContactReason = doNotContactReason; }
    public int getScore() { return score; }
    public void setScore(int score) { this.score = score; }
    public Temperature getTemperature() { return temperature; }
    public void setTemperature(Temperature temperature) { this.temperature = temperature; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public Instant getLastActivityAt() { return lastActivityAt; }
    public void setLastActivityAt(Instant lastActivityAt) { this.lastActivityAt = lastActivityAt; }
    public Instant getDoNotContactAt() { return doNotContactAt; }
    public void setDoNotContactAt(Instant doNotContactAt) { this.doNotContactAt = doNotContactAt; }
}
