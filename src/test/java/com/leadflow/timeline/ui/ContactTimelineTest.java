package com.leadflow.timeline.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.security.LeadflowUserDetails;
import com.leadflow.timeline.ActivityKind;
import com.leadflow.timeline.TimelineItem;
import com.leadflow.timeline.TimelineService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactTimelineTest extends AbstractViewTest {

    @Autowired
    ContactService contacts;
    @Autowired
    TimelineService timeline;
    @Autowired
    JdbcTemplate jdbc;

    private ContactForm contact;

    @BeforeEach
    void createContact() {
        LeadflowUserDetails sam = (LeadflowUserDetails) userDetailsService.loadUserByUsername("sam");
        ContactForm form = ContactFixtures.contact("Lidia", "Timelina", ContactFixtures.marker());
        form.setOwnerId(sam.user().id());
        form.setTeamId(sam.user().teamId());
        contact = as("admin", () -> contacts.create(form));
    }

    @AfterEach
    void removeContact() {
        jdbc.update("DELETE FROM notification WHERE contact_id = ?", contact.getId());
        jdbc.update("DELETE FROM contact WHERE id = ?", contact.getId());
    }

    private void open(String username) {
        login(username);
        UI.getCurrent().navigate("contact/" + contact.getId());
    }

    /** The texts of the entries shown on the timeline (not the pinned box), newest first. */
    private List<String> entryTexts() {
        Div entries = _get(Div.class, spec -> spec.withId("timeline-entries"));
        return _find(entries, Div.class, spec -> spec.withClasses("timeline-entry")).stream()
                .map(d -> d.getElement().getTextRecursively()).toList();
    }

    /** Another user's browser, as far as the server can tell: another thread, another login. */
    private void inAnotherSession(String username, Runnable work) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                authenticate(username);
                work.run();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                clearAuthentication();
            }
        });
        other.start();
        other.join();
        assertThat(failure.get()).isNull();
    }

    @Test
    void aNoteComposedHereShowsAtOnceAndTheMentionedTeammateIsNotified() {
        open("sam");
        _setValue(_get(TextArea.class, spec -> spec.withId("timeline-text")), "Call back on Monday @maria");
        _click(_get(Button.class, spec -> spec.withId("timeline-add")));

        assertThat(entryTexts().getFirst()).contains("Note").contains("Call back on Monday @maria").contains("Sam");
        long mariaId = ((LeadflowUserDetails) userDetailsService.loadUserByUsername("maria")).user().id();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE user_id = ? AND contact_id = ? "
                + "AND message_key = 'timeline.notification.mention'", Integer.class, mariaId, contact.getId()))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT last_activity_at IS NOT NULL FROM contact WHERE id = ?",
                Boolean.class, contact.getId())).isTrue();
    }

    @Test
    void aNoteWrittenInAnotherSessionArrivesAfterAPushedRoundTrip() throws Exception {
        open("sam");
        assertThat(entryTexts()).noneMatch(t -> t.contains("Budget approved"));

        inAnotherSession("maria", () -> timeline.addNote(contact.getId(), "Budget approved by their CFO"));
        MockVaadin.clientRoundtrip(false);

        assertThat(entryTexts().getFirst()).contains("Budget approved by their CFO").contains("Maria");
    }

    @Test
    void anEditByUserAShowsAsAFieldChangeForUserBWithAReloadOffer() throws Exception {
        open("sam");
        inAnotherSession("maria", () -> {
            ContactForm theirs = contacts.load(contact.getId());
            theirs.setCity("Kazan");
            contacts.update(theirs);
        });
        MockVaadin.clientRoundtrip(false);

        assertThat(entryTexts().getFirst()).contains("Profile edited").contains("City: — → Kazan");
        assertThat(_get(Div.class, spec -> spec.withId("contact-changed")).isVisible()).isTrue();
        _click(_get(Button.class, spec -> spec.withId("contact-changed-reload")));
        assertThat(_get(com.vaadin.flow.component.textfield.TextField.class, spec -> spec.withId("city")).getValue())
                .isEqualTo("Kazan");
        assertThat(_find(Div.class, spec -> spec.withId("contact-changed"))).isEmpty(); // hidden again
    }

    @Test
    void ownerAndStageChangesReadByNameNotByCode() {
        long olga = ((LeadflowUserDetails) userDetailsService.loadUserByUsername("olga")).user().id();
        as("admin", () -> {
            ContactForm edit = contacts.load(contact.getId());
            edit.setOwnerId(olga);
            edit.setLifecycleStage(com.leadflow.contact.LifecycleStage.LEAD);
            return contacts.update(edit);
        });
        open("sam");
        assertThat(entryTexts()).anyMatch(t -> t.contains("Owner: Sam Carter → Olga Ivanova"));
        assertThat(entryTexts()).anyMatch(t -> t.contains("Lifecycle stage: Subscriber → Lead"));
    }

    @Test
    void aLifecycleMoveReadsByTheStagesNames() {
        jdbc.update("""
                INSERT INTO activity (contact_id, type, occurred_at, author_kind, summary, payload, created_at)
                VALUES (?, 'LIFECYCLE_CHANGE', NOW(6), 'SYSTEM', 'SQL → LEAD',
                        JSON_OBJECT('from', 'SQL', 'to', 'LEAD', 'cause', 'MANUAL', 'reason', 'Budget frozen'), NOW(6))""",
                contact.getId());
        open("sam");
        assertThat(entryTexts()).anyMatch(t -> t.contains("Sales-qualified lead → Lead") && t.contains("Budget frozen"));
    }

    @Test
    void htmlInANoteStaysText() {
        open("sam");
        String evil = "<img src=x onerror=alert(1)><script>alert('x')</script><b>bold</b>";
        _setValue(_get(TextArea.class, spec -> spec.withId("timeline-text")), evil);
        _click(_get(Button.class, spec -> spec.withId("timeline-add")));

        Div text = _find(Div.class, spec -> spec.withClasses("timeline-text")).stream()
                .filter(d -> d.getText().contains("alert")).findFirst().orElseThrow();
        assertThat(text.getText()).isEqualTo(evil);
        // one text node and no elements: the browser gets text, never markup
        assertThat(text.getElement().getChildren()).allMatch(com.vaadin.flow.dom.Element::isTextNode);
        assertThat(text.getElement().getProperty("innerHTML")).isNull();
    }

    @Test
    void filtersByKindAndByAuthor() {
        as("maria", () -> timeline.addNote(contact.getId(), "Maria's note"));
        as("sam", () -> timeline.addNote(contact.getId(), "Sam's note"));
        open("sam");
        assertThat(entryTexts()).anyMatch(t -> t.contains("Contact created"));

        @SuppressWarnings("unchecked")
        CheckboxGroup<ActivityKind> kinds = _get(CheckboxGroup.class, spec -> spec.withId("timeline-kinds"));
        _setValue(kinds, Set.of(ActivityKind.PEOPLE));
        assertThat(entryTexts()).hasSize(2).noneMatch(t -> t.contains("Contact created"));

        @SuppressWarnings("unchecked")
        var author = (com.vaadin.flow.component.combobox.ComboBox<ContactTimeline.AuthorChoice>)
                _get(com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withId("timeline-author"));
        var maria = author.getListDataView().getItems().filter(a -> "Maria Petrova".equals(a.label()))
                .findFirst().orElseThrow();
        _setValue(author, maria);
        assertThat(entryTexts()).singleElement().satisfies(t -> assertThat(t).contains("Maria's note"));
    }

    @Test
    void pinnedNotesStayOnTop() {
        TimelineItem note = as("sam", () -> timeline.addNote(contact.getId(), "Prefers calls after 3 pm"));
        as("sam", () -> timeline.addNote(contact.getId(), "A later note"));
        open("sam");
        Div entry = _find(Div.class, spec -> spec.withClasses("timeline-entry")).stream()
                .filter(d -> d.getElement().getTextRecursively().contains("after 3 pm")).findFirst().orElseThrow();
        _click(_get(entry, Button.class, spec -> spec.withClasses("timeline-pin")));

        Div pinned = _get(Div.class, spec -> spec.withId("timeline-pinned"));
        assertThat(pinned.isVisible()).isTrue();
        assertThat(pinned.getElement().getTextRecursively()).contains("Prefers calls after 3 pm").contains("Pinned");
        assertThat(jdbc.queryForObject("SELECT pinned FROM activity WHERE id = ?", Boolean.class, note.id())).isTrue();
    }

    @Test
    void aDeletedNoteDisappearsButAdminStillSeesTheTrace() {
        TimelineItem note = as("sam", () -> timeline.addNote(contact.getId(), "Wrong contact, sorry"));
        open("sam");
        Div entry = _find(Div.class, spec -> spec.withClasses("timeline-entry")).stream()
                .filter(d -> d.getElement().getTextRecursively().contains("Wrong contact")).findFirst().orElseThrow();
        _click(_get(entry, Button.class, spec -> spec.withClasses("timeline-delete")));
        assertThat(entryTexts()).noneMatch(t -> t.contains("Wrong contact"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE id = ?", Integer.class, note.id())).isEqualTo(1);

        login("admin");
        UI.getCurrent().navigate("contacts");
        UI.getCurrent().navigate("contact/" + contact.getId());
        assertThat(entryTexts()).anyMatch(t -> t.contains("Wrong contact, sorry") && t.contains("Deleted by Sam"));
    }

    @Test
    void theAuthorCorrectsANoteOnlyWithinTheWindowAndNobodyElseMayDeleteIt() {
        TimelineItem note = as("sam", () -> timeline.addNote(contact.getId(), "Meeting on Tusday"));
        TimelineItem fixed = as("sam", () -> timeline.editText(note.id(), "Meeting on Tuesday"));
        assertThat(fixed.editedAt()).isNotNull();
        assertThat(fixed.summary()).isEqualTo("Meeting on Tuesday");

        assertThatThrownBy(() -> as("olga", () -> timeline.editText(note.id(), "hijacked")))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThatThrownBy(() -> as("olga", () -> {
            timeline.delete(note.id());
            return null;
        })).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);

        testClock.advance(TimelineService.EDIT_WINDOW.plus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> as("sam", () -> timeline.editText(note.id(), "Too late")))
                .isInstanceOf(com.leadflow.base.ValidationFailedException.class)
                .hasMessage("timeline.error.editWindowOver");
    }

    @Test
    void olderEntriesLoadOnDemand() {
        as("sam", () -> {
            for (int i = 1; i <= 25; i++) {
                testClock.advance(Duration.ofSeconds(1));
                timeline.addNote(contact.getId(), "Numbered note " + i);
            }
            return null;
        });
        open("sam");
        assertThat(entryTexts()).hasSize(ContactTimeline.PAGE);
        assertThat(entryTexts().getFirst()).contains("Numbered note 25");
        _click(_get(Button.class, spec -> spec.withId("timeline-older")));
        // all 25 notes, then whatever the system wrote (segments other tests left may match), down to the creation
        assertThat(entryTexts()).filteredOn(t -> t.contains("Numbered note")).hasSize(25);
        assertThat(entryTexts().getLast()).contains("Contact created");
        assertThat(_find(Button.class, spec -> spec.withId("timeline-older"))).isEmpty(); // nothing older
    }

    @Test
    void anotherViewerIsShown() throws Exception {
        open("sam");
        assertThat(_find(Span.class, spec -> spec.withId("contact-viewers"))).isEmpty(); // nobody else: hidden
        var registry = context().getBean(com.leadflow.timeline.ContactViewers.class);
        var maria = new com.leadflow.timeline.ContactViewers.Viewer("other-browser/1",
                ((LeadflowUserDetails) userDetailsService.loadUserByUsername("maria")).user().id(), "Maria Petrova");
        inAnotherSession("maria", () -> registry.enter(contact.getId(), maria));
        MockVaadin.clientRoundtrip(false);
        assertThat(_get(Span.class, spec -> spec.withId("contact-viewers")).getText())
                .startsWith("Also viewing:").contains("Maria Petrova");
        inAnotherSession("maria", () -> registry.leave(contact.getId(), maria));
        MockVaadin.clientRoundtrip(false);
        assertThat(_find(Span.class, spec -> spec.withId("contact-viewers"))).isEmpty();
    }
}
