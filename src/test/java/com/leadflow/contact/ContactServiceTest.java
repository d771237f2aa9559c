package com.leadflow.contact;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.audit.AuditEntry;
import com.leadflow.audit.AuditLog;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.security.LeadflowUserDetails;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.TimelineEntry;
import com.leadflow.timeline.TimelineService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactServiceTest extends AbstractIntegrationTest {

    @Autowired
    ContactService contacts;
    @Autowired
    AuditLog auditLog;
    @Autowired
    TimelineService timeline;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void logout() {
        clearAuthentication();
    }

    /** A contact owned by a rep of the given demo user's team. */
    private ContactForm contactOwnedBy(String username) {
        LeadflowUserDetails owner = (LeadflowUserDetails) userDetailsService.loadUserByUsername(username);
        ContactForm form = ContactFixtures.contact("Anna", "Owned", ContactFixtures.marker());
        form.setOwnerId(owner.user().id());
        form.setTeamId(owner.user().teamId());
        return as("admin", () -> contacts.create(form));
    }

    @Test
    void salesRepCannotEditAnotherTeamsContactEvenCallingTheServiceDirectly() {
        ContactForm southContact = contactOwnedBy("peter"); // team South
        authenticate("sam"); // team North
        ContactForm edit = contacts.load(southContact.getId());
        edit.setCompany("Hijacked Ltd");

        assertThatThrownBy(() -> contacts.update(edit)).isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.queryForObject("SELECT company FROM contact WHERE id = ?", String.class, southContact.getId()))
                .isEqualTo(southContact.getCompany());
    }

    @Test
    void salesRepEditsOwnTeamsContact() {
        ContactForm northContact = contactOwnedBy("olga"); // team North, like sam
        authenticate("sam");
        ContactForm edit = contacts.load(northContact.getId());
        edit.setJobTitle("Head of Purchasing");

        ContactForm saved = contacts.update(edit);

        assertThat(saved.getJobTitle()).isEqualTo("Head of Purchasing");
        assertThat(saved.getVersion()).isEqualTo(northContact.getVersion() + 1);
    }

    @Test
    void executiveIsReadOnly() {
        ContactForm contact = contactOwnedBy("sam");
        authenticate("erik");
        ContactForm edit = contacts.load(contact.getId());
        edit.setCity("Oslo");

        assertThat(contacts.canEdit(edit)).isFalse();
        assertThatThrownBy(() -> contacts.update(edit)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> contacts.create(ContactFixtures.contact("Ex", "Ec", "X")))
                .isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void onlyAdminDeletes() {
        ContactForm contact = contactOwnedBy("sam");
        authenticate("maria");
        assertThatThrownBy(() -> contacts.delete(contact.getId())).isInstanceOf(AuthorizationDeniedException.class);

        authenticate("admin");
        contacts.delete(contact.getId());

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE id = ?", Integer.class, contact.getId()))
                .isZero();
        List<AuditEntry> audit = auditLog.entriesFor(ContactService.AUDIT_TYPE, contact.getId());
        assertThat(audit).extracting(AuditEntry::getAction).containsExactly("CREATE", "DELETE");
        assertThat(audit.get(1).getActorName()).isEqualTo("admin");
    }

    @Test
    void staleSaveIsRefusedAndNothingIsOverwritten() {
        ContactForm contact = contactOwnedBy("sam");
        authenticate("maria");
        ContactForm mine = contacts.load(contact.getId());
        ContactForm theirs = contacts.load(contact.getId());
        theirs.setCompany("Their Company");
        contacts.update(theirs);

        mine.setCompany("My Company");
        assertThatThrownBy(() -> contacts.update(mine))
                .isInstanceOfSatisfying(ContactConflictException.class,
                        e -> assertThat(e.current().getCompany()).isEqualTo("Their Company"));
        assertThat(contacts.load(contact.getId()).getCompany()).isEqualTo("Their Company");
    }

    @Test
    void everyChangeIsAuditedWithOldAndNewValuesAndLandsOnTheTimeline() {
        ContactForm contact = contactOwnedBy("sam");
        authenticate("maria");
        ContactForm edit = contacts.load(contact.getId());
        edit.setCity("Kazan");
        edit.setLifecycleStage(LifecycleStage.MQL);
        contacts.update(edit);

        AuditEntry update = auditLog.entriesFor(ContactService.AUDIT_TYPE, contact.getId()).getLast();
        assertThat(update.getAction()).isEqualTo("UPDATE");
        assertThat(update.getActorName()).isEqualTo("maria");
        assertThat(update.getChanges()).contains("\"field\":\"city\"", "\"newValue\":\"Kazan\"",
                "\"field\":\"lifecycleStage\"", "\"oldValue\":\"SUBSCRIBER\"", "\"newValue\":\"MQL\"");
        List<TimelineEntry> entries = timeline.latest(contact.getId(), 10);
        assertThat(entries).extracting(TimelineEntry::type)
                .contains(ActivityType.CONTACT_CREATED, ActivityType.FIELD_CHANGE, ActivityType.LIFECYCLE_CHANGE);
        assertThat(entries).filteredOn(e -> e.type() == ActivityType.FIELD_CHANGE)
                .extracting(TimelineEntry::authorName).containsOnly("Maria Petrova");
    }

    @Test
    void duplicateEmailIsRefusedWhateverItsCase() {
        ContactForm first = contactOwnedBy("sam");
        authenticate("maria");
        ContactForm second = ContactFixtures.contact("Other", "Person", "Other Co");
        second.setEmail(first.getEmail().toUpperCase());

        assertThatThrownBy(() -> contacts.create(second))
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("contact.emailTaken"));
    }

    @Test
    void lostNeedsAReasonAndDoNotContactNeedsAReason() {
        ContactForm contact = contactOwnedBy("sam");
        authenticate("maria");
        ContactForm lost = contacts.load(contact.getId());
        lost.setStatus(ContactStatus.LOST);
        assertThatThrownBy(() -> contacts.update(lost)).isInstanceOfSatisfying(ValidationFailedException.class,
                e -> assertThat(e.messageKey()).isEqualTo("contact.lostReasonRequired"));

        lost.setLostReason(LostReason.BUDGET);
        lost.setDoNotContact(true);
        assertThatThrownBy(() -> contacts.update(lost)).isInstanceOfSatisfying(ValidationFailedException.class,
                e -> assertThat(e.messageKey()).isEqualTo("contact.doNotContactReasonRequired"));

        lost.setDoNotContactReason("Asked by phone");
        ContactForm saved = contacts.update(lost);
        assertThat(saved.getDoNotContactAt()).isNotNull();
        assertThat(saved.getLostReason()).isEqualTo("BUDGET");
    }

    @Test
    void invalidInputIsRefusedByTheServiceToo() {
        authenticate("maria");
        ContactForm bad = ContactFixtures.contact("", "Nameless", "Co");
        bad.setEmail("not-an-email");
        assertThatThrownBy(() -> contacts.create(bad)).isInstanceOf(ValidationFailedException.class);
    }

    @Test
    void salesRepsNewContactIsTheirs() {
        LeadflowUserDetails sam = authenticate("sam");
        ContactForm created = contacts.create(ContactFixtures.contact("New", "Lead", ContactFixtures.marker()));
        assertThat(created.getOwnerId()).isEqualTo(sam.user().id());
        assertThat(created.getTeamId()).isEqualTo(sam.user().teamId());
    }
}
