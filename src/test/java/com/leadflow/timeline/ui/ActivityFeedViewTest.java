package com.leadflow.timeline.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.security.LeadflowUserDetails;
import com.leadflow.timeline.ActivityKind;
import com.leadflow.timeline.FeedScope;
import com.leadflow.timeline.TimelineService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Set;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class ActivityFeedViewTest extends AbstractViewTest {

    @Autowired
    ContactService contacts;
    @Autowired
    TimelineService timeline;
    @Autowired
    JdbcTemplate jdbc;

    private ContactForm samsContact;
    private ContactForm petersContact;
    private String marker;

    private ContactForm contactOf(String username, String lastName) {
        LeadflowUserDetails owner = (LeadflowUserDetails) userDetailsService.loadUserByUsername(username);
        ContactForm form = ContactFixtures.contact("Feed", lastName, marker);
        form.setOwnerId(owner.user().id());
        form.setTeamId(owner.user().teamId());
        return as("admin", () -> contacts.create(form));
    }

    @BeforeEach
    void createContacts() {
        marker = ContactFixtures.marker();
        samsContact = contactOf("sam", "Samsky");
        petersContact = contactOf("peter", "Petersky");
        as("sam", () -> timeline.addNote(samsContact.getId(), "Sam's morning note " + marker));
        as("peter", () -> timeline.addNote(petersContact.getId(), "Peter's morning note " + marker));
    }

    @AfterEach
    void removeContacts() {
        jdbc.update("DELETE FROM contact WHERE company = ?", marker);
    }

    private List<String> feed() {
        Div entries = _get(Div.class, spec -> spec.withId("feed-entries"));
        return _find(entries, Div.class, spec -> spec.withClasses("timeline-entry")).stream()
                .map(d -> d.getElement().getTextRecursively()).toList();
    }

    @Test
    void aSalesRepStartsWithTheirOwnContactsAndMayWidenTheScope() {
        login("sam");
        UI.getCurrent().navigate("activity");
        assertThat(feed()).anyMatch(t -> t.contains("Sam's morning note " + marker) && t.contains("Feed Samsky"));
        assertThat(feed()).noneMatch(t -> t.contains("Peter's morning note " + marker));

        @SuppressWarnings("unchecked")
        Select<FeedScope> scope = _get(Select.class, spec -> spec.withId("feed-scope"));
        _setValue(scope, FeedScope.ALL);
        assertThat(feed()).anyMatch(t -> t.contains("Peter's morning note " + marker));

        _setValue(scope, FeedScope.MY_TEAM); // sam is in North, peter in South
        assertThat(feed()).anyMatch(t -> t.contains("Sam's morning note " + marker))
                .noneMatch(t -> t.contains("Peter's morning note " + marker));
    }

    @Test
    void filtersByKind() {
        login("sam");
        UI.getCurrent().navigate("activity");
        assertThat(feed()).anyMatch(t -> t.contains("Contact created") && t.contains("Feed Samsky"));
        @SuppressWarnings("unchecked")
        CheckboxGroup<ActivityKind> kinds = _get(CheckboxGroup.class, spec -> spec.withId("feed-kinds"));
        _setValue(kinds, Set.of(ActivityKind.PEOPLE));
        assertThat(feed()).isNotEmpty().allMatch(t -> t.startsWith("Note") || t.startsWith("Call")
                || t.startsWith("Meeting"));
    }

    @Test
    void newEntriesArriveLive() throws Exception {
        login("sam");
        UI.getCurrent().navigate("activity");
        Thread other = new Thread(() -> {
            authenticate("olga");
            timeline.addNote(samsContact.getId(), "Olga called them back " + marker);
            clearAuthentication();
        });
        other.start();
        other.join();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && feed().stream().noneMatch(t -> t.contains("Olga called"))) {
            Thread.sleep(ActivityFeedView.GATHER_MILLIS);
            MockVaadin.clientRoundtrip(false);
        }
        assertThat(feed().getFirst()).contains("Olga called them back " + marker);
    }
}
