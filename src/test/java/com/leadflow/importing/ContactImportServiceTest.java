package com.leadflow.importing;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactImportMode;
import com.leadflow.contact.ContactService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactImportServiceTest extends AbstractIntegrationTest {

    @Autowired
    ContactImportService imports;
    @Autowired
    ContactService contacts;
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

    /** A messy export: BOM, semicolons, Cyrillic, a bad email, a duplicate, empty lines, a bad enum, a known contact. */
    private byte[] messyFile() {
        String text = String.join("\r\n",
                "Имя;Фамилия;Email;Компания;Страна;Источник",
                "Анна;Смирнова;anna." + m + "@example.com;ООО «Ромашка»;RU;TRADE_SHOW",
                "Борис;Иванов;boris." + m + "@example.com;;ru;",
                "",
                "Вера;Петрова;not-an-email;;;",
                "Глеб;Сидоров;ANNA." + m + "@example.com;;;",
                ";Кузнецов;dmitry." + m + "@example.com;;;",
                "Елена;Орлова;elena." + m + "@example.com;;;WEBINAR",
                "   ;   ;   ;;;",
                "Existing;Person;existing." + m + "@example.com;New Company;;",
                "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private ImportMapping guessed(byte[] file) {
        return as("maria", () -> imports.preview(file)).suggested();
    }

    @Test
    void aMessyFileGivesExactlyTheExpectedCountsAndReimportChangesNothing() {
        ContactForm known = ContactFixtures.contact("Existing", "Person", "Old Company");
        known.setEmail("existing." + m + "@example.com");
        long knownId = as("admin", () -> contacts.create(known)).getId();
        byte[] file = messyFile();

        ContactImportService.Preview preview = as("maria", () -> imports.preview(file));
        assertThat(preview.charset()).isEqualTo("UTF-8");
        assertThat(preview.delimiter()).isEqualTo(';');
        assertThat(preview.suggested().columns()).containsKeys(ImportField.FIRST_NAME, ImportField.LAST_NAME,
                ImportField.EMAIL, ImportField.COMPANY, ImportField.COUNTRY, ImportField.FIRST_TOUCH_SOURCE);

        ImportCheck check = as("maria", () -> imports.check(file, preview.suggested(), Locale.ENGLISH));
        assertThat(check.rows()).isEqualTo(7);
        assertThat(check.valid()).isEqualTo(3);
        assertThat(check.rejections()).extracting(ImportRejection::line).containsExactly(5, 6, 7, 8);
        assertThat(check.rejections().get(0).reason()).contains("Email").contains("valid email");
        assertThat(check.rejections().get(1).reason()).isEqualTo("The same email as line 2.");
        assertThat(check.rejections().get(2).reason()).contains("First name");
        assertThat(check.rejections().get(3).reason()).contains("WEBINAR");

        ImportJob first = as("maria", () -> imports.importNow(file, "messy-" + m + ".csv", preview.suggested(),
                ContactImportMode.CREATE_AND_UPDATE, Locale.ENGLISH));
        assertThat(first.status()).isEqualTo(ImportJob.DONE);
        assertThat(first.created()).isEqualTo(2);
        assertThat(first.updated()).isEqualTo(1);
        assertThat(first.skipped()).isZero();
        assertThat(first.rejected()).isEqualTo(4);
        assertThat(first.processedRows()).isEqualTo(7);

        var anna = jdbc.queryForMap("SELECT id, first_name, company, country, first_touch_source FROM contact WHERE email = ?",
                "anna." + m + "@example.com");
        assertThat(anna.get("first_name")).isEqualTo("Анна");
        assertThat(anna.get("company")).isEqualTo("ООО «Ромашка»");
        assertThat(anna.get("first_touch_source")).isEqualTo("TRADE_SHOW");
        assertThat(jdbc.queryForObject("SELECT country FROM contact WHERE email = ?", String.class,
                "boris." + m + "@example.com")).isEqualTo("RU");
        assertThat(jdbc.queryForObject("SELECT summary FROM activity WHERE contact_id = ? AND type = 'CONTACT_CREATED'",
                String.class, anna.get("id"))).startsWith("Imported from messy-" + m + ".csv (import #" + first.id());
        assertThat(jdbc.queryForObject("SELECT company FROM contact WHERE id = ?", String.class, knownId))
                .isEqualTo("New Company");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND summary LIKE 'Imported from%'",
                Integer.class, knownId)).isEqualTo(1);
        assertThat(as("maria", () -> imports.rejections(first.id(), 0, 10))).hasSize(4);

        int before = jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE email LIKE ?", Integer.class, "%" + m + "%");
        ImportJob again = as("maria", () -> imports.importNow(file, "messy-again-" + m + ".csv", preview.suggested(),
                ContactImportMode.CREATE_AND_UPDATE, Locale.ENGLISH));
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.skipped()).isEqualTo(3);
        assertThat(again.rejected()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE email LIKE ?", Integer.class, "%" + m + "%"))
                .isEqualTo(before);
    }

    @Test
    void windows1251WithTabsIsReadAndCreateOnlySkipsKnownContacts() {
        ContactForm known = ContactFixtures.contact("Known", "One", "Keep Me");
        known.setEmail("known." + m + "@example.com");
        as("admin", () -> contacts.create(known));
        String text = "first_name\tlast_name\temail\tcompany\r\n"
                + "Дмитрий\tСоколов\tdmitry." + m + "@example.com\tЛуч\r\n"
                + "Known\tOne\tknown." + m + "@example.com\tChanged\r\n";
        byte[] file = text.getBytes(CsvFile.WINDOWS_1251);

        ContactImportService.Preview preview = as("maria", () -> imports.preview(file));
        assertThat(preview.charset()).isEqualTo("windows-1251");
        assertThat(preview.delimiter()).isEqualTo('\t');
        ImportJob job = as("maria", () -> imports.importNow(file, "cp1251-" + m + ".csv", preview.suggested(),
                ContactImportMode.CREATE_ONLY, Locale.ENGLISH));

        assertThat(job.created()).isEqualTo(1);
        assertThat(job.skipped()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT CONCAT(first_name, ' ', last_name, ' / ', company) FROM contact WHERE email = ?",
                String.class, "dmitry." + m + "@example.com")).isEqualTo("Дмитрий Соколов / Луч");
        assertThat(jdbc.queryForObject("SELECT company FROM contact WHERE email = ?", String.class,
                "known." + m + "@example.com")).isEqualTo("Keep Me");
    }

    @Test
    void rejectionReasonsSpeakTheImportersLanguageAndSalesMayNotImport() {
        byte[] file = messyFile();
        ImportMapping mapping = guessed(file);
        ImportCheck check = as("maria", () -> imports.check(file, mapping, Locale.forLanguageTag("ru")));
        assertThat(check.rejections().get(1).reason()).isEqualTo("Тот же email, что в строке 2.");

        assertThatThrownBy(() -> as("sam", () -> imports.preview(file))).isInstanceOf(AccessDeniedException.class);
    }
}
