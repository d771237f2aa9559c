package com.leadflow.messaging.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.ContactFilter;
import com.leadflow.contact.ContactListItem;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.ContactSort;
import com.leadflow.messaging.Signature;
import com.leadflow.messaging.SignatureService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "My signature": each user edits their own, ADMIN anyone's; the preview renders a real contact's email with it. */
class SignatureViewTest extends AbstractViewTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired SignatureService signatures;
    @Autowired ContactService contacts;

    private String lastName;

    @BeforeEach
    void contactOwnedBySam() {
        lastName = "Sigtest" + UUID.randomUUID().toString().substring(0, 8);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                INSERT INTO contact (first_name, last_name, email, company, country, owner_id, team_id, created_at, updated_at)
                SELECT 'Petra', ?, ?, 'Preview GmbH', 'DE', u.id, u.team_id, ?, ? FROM app_user u WHERE u.username = 'sam'""",
                lastName, lastName.toLowerCase() + "@example.com", now, now);
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM contact WHERE last_name = ?", lastName);
        jdbc.update("UPDATE app_user SET email_signature = NULL WHERE username IN ('sam', 'olga')");
        jdbc.update("DELETE FROM audit_log WHERE entity_type = 'USER' AND changes LIKE '%emailSignature%'");
    }

    private String signatureOf(String username) {
        return jdbc.queryForObject("SELECT email_signature FROM app_user WHERE username = ?", String.class, username);
    }

    private long idOf(String username) {
        return jdbc.queryForObject("SELECT id FROM app_user WHERE username = ?", Long.class, username);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRepSavesTheirSignatureAndThePreviewShowsItInARealContactsEmail() {
        login("sam");
        UI.getCurrent().navigate("contacts");
        _click(_get(Button.class, spec -> spec.withId("my-signature"))); // from the app bar, beside the user's name
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("signature");
        assertThat(_find(ComboBox.class, spec -> spec.withId("signature-user")))
                .as("only ADMIN picks another user").isEmpty();
        TextArea text = _get(TextArea.class, spec -> spec.withId("signature-text"));
        _setValue(text, "Sam Seller\r\nTeam North · +44 20 7946 0000  ");
        _click(_get(Button.class, spec -> spec.withId("signature-save")));
        assertThat(signatureOf("sam")).isEqualTo("Sam Seller\nTeam North · +44 20 7946 0000");

        // an unsaved change shows in the preview, with the contact's own name and company
        _setValue(text, "Sam Seller <b>\nCall me any time");
        ContactListItem petra = contacts.page(ContactFilter.all().withSearch(lastName), ContactSort.LAST_ACTIVITY,
                false, 0, 5).getFirst();
        _setValue(_get(ComboBox.class, spec -> spec.withId("signature-preview-contact")), petra);
        _click(_get(Button.class, spec -> spec.withId("signature-preview-button")));
        Div preview = _get(Div.class, spec -> spec.withId("signature-preview"));
        String plain = _get(preview, Pre.class).getText();
        assertThat(plain).contains("Petra").contains("Sam Seller <b>\nCall me any time");
        assertThat(signatureOf("sam")).as("a preview saves nothing").isEqualTo("Sam Seller\nTeam North · +44 20 7946 0000");
    }

    @Test
    void aTooLongSignatureIsRefusedWithATranslatedErrorAndNothingIsSaved() {
        login("sam");
        UI.getCurrent().navigate("signature");
        _setValue(_get(TextArea.class, spec -> spec.withId("signature-text")), "line\n".repeat(SignatureService.MAX_LINES + 1));
        assertThatThrownBy(() -> _click(_get(Button.class, spec -> spec.withId("signature-save"))))
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("mail.signature.error.tooManyLines"));
        assertThat(signatureOf("sam")).isNull();
        assertThat(UI.getCurrent().getTranslation("mail.signature.error.tooManyLines", 12)).doesNotStartWith("!");
    }

    @Test
    void onlyAdminEditsSomeoneElsesSignature() {
        long olga = idOf("olga");
        assertThatThrownBy(() -> as("sam", () -> signatures.save(olga, "Not Olga")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as("sam", () -> signatures.of(olga))).isInstanceOf(AccessDeniedException.class);
        assertThat(signatureOf("olga")).isNull();

        Signature saved = as("admin", () -> signatures.save(olga, "Olga Orlova\nTeam North"));
        assertThat(saved.text()).isEqualTo("Olga Orlova\nTeam North");
        assertThat(as("admin", () -> signatures.editable())).extracting(Signature::userId).contains(olga, idOf("sam"));
        assertThat(as("sam", () -> signatures.editable())).extracting(Signature::userId).containsExactly(idOf("sam"));
        // blank: no signature, the name and email stand in
        assertThat(as("olga", () -> signatures.save(olga, "   ")).effective()).startsWith("Olga");
        assertThat(signatureOf("olga")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminPicksAUserAndEditsTheirSignatureOnTheScreen() {
        login("admin");
        UI.getCurrent().navigate("signature");
        ComboBox<Signature> user = _get(ComboBox.class, spec -> spec.withId("signature-user"));
        assertThat(user.isVisible()).isTrue();
        Signature olga = user.getListDataView().getItems().filter(s -> s.userId() == idOf("olga")).findFirst()
                .orElseThrow();
        _setValue(user, olga);
        _setValue(_get(TextArea.class, spec -> spec.withId("signature-text")), "Olga Orlova");
        _click(_get(Button.class, spec -> spec.withId("signature-save")));
        assertThat(signatureOf("olga")).isEqualTo("Olga Orlova");
        assertThat(signatureOf("admin")).isNull();
        assertThat(_find(Button.class, spec -> spec.withId("signature-save"))).hasSize(1);
    }
}
