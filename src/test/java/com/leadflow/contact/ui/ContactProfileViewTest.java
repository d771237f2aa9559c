package com.leadflow.contact.ui;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.security.LeadflowUserDetails;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class ContactProfileViewTest extends AbstractViewTest {

    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private ContactForm contact;

    @BeforeEach
    void createContact() {
        LeadflowUserDetails sam = (LeadflowUserDetails) userDetailsService.loadUserByUsername("sam");
        ContactForm form = ContactFixtures.contact("Vera", "Orlova", ContactFixtures.marker());
        form.setOwnerId(sam.user().id());
        form.setTeamId(sam.user().teamId());
        contact = as("admin", () -> contacts.create(form));
    }

    private void open(String username) {
        login(username);
        UI.getCurrent().navigate("contact/" + contact.getId());
    }

    private TextField field(String id) {
        return _get(TextField.class, spec -> spec.withId(id));
    }

    private List<String> notifications() {
        return NotificationsKt.getNotifications().stream().map(n -> n.getElement().getProperty("text")).toList();
    }

    @Test
    void showsTheContactAndSavesAnEdit() {
        open("sam");
        assertThat(field("firstName").getValue()).isEqualTo("Vera");
        _setValue(field("city"), "Samara");
        _click(_get(Button.class, spec -> spec.withId("save")));

        assertThat(jdbc.queryForObject("SELECT city FROM contact WHERE id = ?", String.class, contact.getId()))
                .isEqualTo("Samara");
        assertThat(notifications()).anyMatch(text -> text.contains("saved"));
    }

    @Test
    void badInputShowsClearErrorsAndSavesNothing() {
        open("sam");
        _setValue(field("firstName"), "");
        _setValue(field("email"), "vera@");
        _setValue(field("phone"), "call me maybe");
        _click(_get(Button.class, spec -> spec.withId("save")));

        assertThat(field("firstName").isInvalid()).isTrue();
        assertThat(field("firstName").getErrorMessage()).isEqualTo("Enter a first name");
        TextField email = field("email");
        assertThat(email.isInvalid()).isTrue();
        assertThat(email.getErrorMessage()).contains("valid email");
        assertThat(field("phone").isInvalid()).isTrue();
        assertThat(field("phone").getErrorMessage()).contains("phone number");
        assertThat(notifications()).contains("Please fix the marked fields.");
        assertThat(jdbc.queryForObject("SELECT first_name FROM contact WHERE id = ?", String.class, contact.getId()))
                .isEqualTo("Vera");
    }

    @Test
    void aSaveOverSomeoneElsesNewerChangeIsRefusedAndShowsWhatChanged() {
        open("sam");
        _setValue(field("company"), "Sam's Company");

        // meanwhile, marketing edits the same contact
        as("maria", () -> {
            ContactForm theirs = contacts.load(contact.getId());
            theirs.setCompany("Maria's Company");
            theirs.setJobTitle("CFO");
            return contacts.update(theirs);
        });

        _click(_get(Button.class, spec -> spec.withId("save")));

        Dialog conflict = _get(Dialog.class, spec -> spec.withId("conflict-dialog"));
        List<String> changes = _find(conflict, ListItem.class).stream().map(ListItem::getText).toList();
        assertThat(changes).anyMatch(c -> c.startsWith("Company:") && c.endsWith("→ Maria's Company"));
        assertThat(changes).contains("Job title: — → CFO");
        assertThat(jdbc.queryForObject("SELECT company FROM contact WHERE id = ?", String.class, contact.getId()))
                .isEqualTo("Maria's Company");

        _click(_get(Button.class, spec -> spec.withId("conflict-reload")));
        assertThat(field("company").getValue()).isEqualTo("Maria's Company");
        assertThat(field("jobTitle").getValue()).isEqualTo("CFO");
    }

    @Test
    void executiveSeesTheProfileReadOnly() {
        open("erik");
        assertThat(field("firstName").isReadOnly()).isTrue();
        assertThat(_find(Button.class, spec -> spec.withId("save"))).isEmpty();
    }

    @Test
    void salesRepOfAnotherTeamSeesItReadOnly() {
        open("peter");
        assertThat(field("city").isReadOnly()).isTrue();
        assertThat(_find(Button.class, spec -> spec.withId("save"))).isEmpty();
    }

    @Test
    void adminDeletesAfterConfirming() {
        open("admin");
        _click(_get(Button.class, spec -> spec.withId("delete")));
        var confirm = _get(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class);
        com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm(confirm);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE id = ?", Integer.class, contact.getId()))
                .isZero();
    }

    @Test
    void marketingCreatesAContact() {
        login("maria");
        UI.getCurrent().navigate("contact/new");
        String company = ContactFixtures.marker();
        _setValue(field("firstName"), "Nina");
        _setValue(field("lastName"), "Volkova");
        _setValue(field("company"), company);
        _click(_get(Button.class, spec -> spec.withId("save")));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE company = ? AND first_name = 'Nina'",
                Integer.class, company)).isEqualTo(1);
    }

    @Test
    void russianUserSeesRussianLabels() {
        login("sam");
        UI.getCurrent().setLocale(java.util.Locale.forLanguageTag("ru"));
        UI.getCurrent().navigate("contact/" + contact.getId());
        assertThat(field("firstName").getLabel()).isEqualTo("Имя");
        assertThat(field("company").getLabel()).isEqualTo("Компания");
    }
}
