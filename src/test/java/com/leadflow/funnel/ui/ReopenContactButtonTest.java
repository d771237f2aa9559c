package com.leadflow.funnel.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.ContactStatus;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.security.LeadflowUserDetails;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class ReopenContactButtonTest extends AbstractViewTest {

    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private long id;

    @BeforeEach
    void lostContact() {
        LeadflowUserDetails sam = (LeadflowUserDetails) userDetailsService.loadUserByUsername("sam");
        ContactForm form = ContactFixtures.contact("Rita", "Back", ContactFixtures.marker());
        form.setOwnerId(sam.user().id());
        form.setTeamId(sam.user().teamId());
        form.setStatus(ContactStatus.LOST);
        form.setLostReason("TIMING");
        id = as("admin", () -> contacts.create(form)).getId();
    }

    @AfterEach
    void remove() {
        jdbc.update("DELETE FROM contact WHERE id = ?", id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLostContactIsReopenedIntoAStageWithAReason() {
        assertThat(jdbc.queryForObject("SELECT funnel_stage FROM contact WHERE id = ?", String.class, id))
                .isEqualTo("LOST");
        login("sam");
        UI.getCurrent().navigate("contact/" + id);
        _click(_get(Button.class, spec -> spec.withId("reopen-contact")));
        Select<FunnelStage> stage = _get(Select.class, spec -> spec.withId("reopen-stage"));
        _setValue(stage, stage.getListDataView().getItems().filter(s -> s.code().equals("ACTIVE_REQUEST"))
                .findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("reopen-confirm")));
        assertThat(_get(TextArea.class, spec -> spec.withId("reopen-reason")).isInvalid()).isTrue();
        assertThat(jdbc.queryForObject("SELECT status FROM contact WHERE id = ?", String.class, id)).isEqualTo("LOST");

        _setValue(_get(TextArea.class, spec -> spec.withId("reopen-reason")), "New budget from January");
        _click(_get(Button.class, spec -> spec.withId("reopen-confirm")));

        assertThat(jdbc.queryForMap("SELECT funnel_stage, status FROM contact WHERE id = ?", id))
                .containsEntry("funnel_stage", "ACTIVE_REQUEST").containsEntry("status", "OPEN");
        assertThat(jdbc.queryForMap("""
                SELECT from_stage, reason, note FROM funnel_stage_history WHERE contact_id = ? ORDER BY id DESC LIMIT 1
                """, id)).containsEntry("from_stage", "LOST").containsEntry("reason", "REOPEN")
                .containsEntry("note", "New budget from January");
        assertThat(_find(Button.class, spec -> spec.withId("reopen-contact"))).isEmpty(); // open again
    }
}
