package com.leadflow.messaging.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.messaging.EmailTemplate;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Templates: the defaults in two languages, the unsubscribe link enforced, a new one saved. */
class TemplatesViewTest extends AbstractViewTest {

    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM email_template WHERE name = 'Spring webinar (test)'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTemplateWithoutAnUnsubscribeLinkIsRefusedAndWithOneItIsSaved() {
        login("maria");
        UI.getCurrent().navigate("templates");
        Grid<EmailTemplate> grid = _get(Grid.class, spec -> spec.withId("templates-grid"));
        assertThat(_findAll(grid)).extracting(EmailTemplate::name).contains("Monthly content", "Bimonthly content",
                "Re-nurture after a loss");
        assertThat(_findAll(grid)).allSatisfy(t -> assertThat(t.hasRussian()).isTrue());

        _click(_get(Button.class, spec -> spec.withId("new-template")));
        _setValue(_get(TextField.class, spec -> spec.withId("template-name")), "Spring webinar (test)");
        _setValue(_get(TextField.class, spec -> spec.withId("template-subject-en")), "Join us, {{first_name}}");
        _setValue(_get(TextArea.class, spec -> spec.withId("template-html-en")), "<p>Hello {{first_name}}</p>");
        // the application's error handler shows the translated message; here the refusal itself is checked
        assertThatThrownBy(() -> _click(_get(Button.class, spec -> spec.withId("template-save"))))
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("cadence.template.error.unsubscribe"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM email_template WHERE name = 'Spring webinar (test)'",
                Integer.class)).isZero();

        _setValue(_get(TextArea.class, spec -> spec.withId("template-html-en")),
                "<p>Hello {{first_name}}</p><p><a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>");
        _click(_get(Button.class, spec -> spec.withId("template-save")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM email_template WHERE name = 'Spring webinar (test)'",
                Integer.class)).isEqualTo(1);
        assertThat(_findAll(grid)).extracting(EmailTemplate::name).contains("Spring webinar (test)");
    }

    @Test
    void aSalesRepCannotOpenTemplates() {
        login("sam");
        assertThatThrownBy(() -> UI.getCurrent().navigate("templates")).hasMessageContaining("Access is denied");
    }
}
