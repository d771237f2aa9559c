package com.leadflow.importing.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class ContactImportViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.leadflow.timeline.ContactReevaluationQueue reevaluation;

    private String m;

    @BeforeEach
    void marker() {
        m = ContactFixtures.marker().toLowerCase();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        // the background re-evaluation of these contacts finishes first: the delete scans and locks every contact
        reevaluation.awaitIdle(java.time.Duration.ofSeconds(60));
        jdbc.update("DELETE FROM contact WHERE email LIKE ?", "%" + m + "%");
        jdbc.update("DELETE FROM import_job WHERE file_name LIKE ?", "%" + m + "%");
    }

    @Test
    void marketingUploadsMapsChecksAndImportsWithAReport() throws Exception {
        login("maria");
        UI.getCurrent().navigate("import");
        ContactImportView view = _get(ContactImportView.class);
        String csv = "First name,Last name,E-mail,Company\n"
                + "Pavel,Gromov,pavel." + m + "@example.com,Grom\n"
                + "Bad,Row,bad-email,X\n";
        view.received("people-" + m + ".csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(_get(Span.class, spec -> spec.withId("import-detected")).getText())
                .contains("UTF-8").contains("separated by ,").contains("4 columns");
        @SuppressWarnings("unchecked")
        Select<Integer> email = _get(Select.class, spec -> spec.withId("map-EMAIL"));
        assertThat(email.getValue()).isEqualTo(2);

        _click(_get(Button.class, spec -> spec.withId("import-check-button")));
        assertThat(_get(Span.class, spec -> spec.withId("import-check-summary")).getText())
                .isEqualTo("2 rows: 1 can be imported, 1 rejected.");

        _click(_get(Button.class, spec -> spec.withId("import-start")));
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && jdbc.queryForObject(
                "SELECT COUNT(*) FROM import_job WHERE file_name = ? AND status = 'RUNNING'", Integer.class,
                "people-" + m + ".csv") > 0) {
            Thread.sleep(100);
        }
        view.showProgress();
        assertThat(_get(Span.class, spec -> spec.withId("import-progress-text")).getText())
                .isEqualTo("2 of 2 rows · created 1 · updated 0 · skipped 0 · rejected 1");
        assertThat(jdbc.queryForObject("SELECT first_name FROM contact WHERE email = ?", String.class,
                "pavel." + m + "@example.com")).isEqualTo("Pavel");
        _get(com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("import-download-rejected"));
    }

    @Test
    void salesCannotOpenTheImport() {
        login("sam");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UI.getCurrent().navigate("import"))
                .isInstanceOf(com.github.mvysny.kaributesting.v10.MockAccessDeniedException.class);
    }
}
