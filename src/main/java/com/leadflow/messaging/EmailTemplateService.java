package com.leadflow.messaging;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.security.Roles;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Email templates: everyone reads them, MARKETING and ADMIN write them; every version must carry an unsubscribe link. */
@Service
@PreAuthorize("isAuthenticated()")
public class EmailTemplateService {

    static final String CAN_EDIT = "hasAnyRole('ADMIN','MARKETING')";

    private final JdbcTemplate jdbc;
    private final EmailRenderer renderer;
    private final Clock clock;

    EmailTemplateService(JdbcTemplate jdbc, EmailRenderer renderer, Clock clock) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<EmailTemplate> list() {
        return jdbc.query("SELECT * FROM email_template ORDER BY name", TEMPLATE);
    }

    @Transactional(readOnly = true)
    public Optional<EmailTemplate> find(long id) {
        return jdbc.query("SELECT * FROM email_template WHERE id = ?", TEMPLATE, id).stream().findFirst();
    }

    @PreAuthorize(CAN_EDIT)
    public boolean canEdit() {
        return true;
    }

    /** Creates or updates; refuses a template without an unsubscribe link or with unknown placeholders. */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public EmailTemplate save(EmailTemplate t) {
        validate(t);
        Timestamp now = Timestamp.from(clock.instant());
        try {
            if (t.id() == null) {
                jdbc.update("""
                        INSERT INTO email_template (system_key, name, subject_en, html_en, text_en, subject_ru, html_ru,
                                                    text_ru, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", t.systemKey(), t.name().trim(), t.subjectEn(),
                        t.htmlEn(), t.textEn(), blankToNull(t.subjectRu()), blankToNull(t.htmlRu()),
                        blankToNull(t.textRu()), now, now);
                return jdbc.queryForObject("SELECT * FROM email_template WHERE name = ?", TEMPLATE, t.name().trim());
            }
            int updated = jdbc.update("""
                    UPDATE email_template SET name = ?, subject_en = ?, html_en = ?, text_en = ?, subject_ru = ?,
                           html_ru = ?, text_ru = ?, updated_at = ?, version = version + 1
                    WHERE id = ? AND version = ?""", t.name().trim(), t.subjectEn(), t.htmlEn(), t.textEn(),
                    blankToNull(t.subjectRu()), blankToNull(t.htmlRu()), blankToNull(t.textRu()), now, t.id(),
                    t.version());
            if (updated == 0) {
                throw new OptimisticLockingFailureException("template " + t.id() + " changed meanwhile");
            }
            return find(t.id()).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new ValidationFailedException("cadence.template.error.nameTaken", t.name());
        }
    }

    @PreAuthorize(CAN_EDIT)
    @Transactional
    public void delete(long id) {
        Integer uses = jdbc.queryForObject("SELECT COUNT(*) FROM cadence_step WHERE template_id = ?", Integer.class, id);
        if (uses != null && uses > 0) {
            throw new ValidationFailedException("cadence.template.error.inUse", uses);
        }
        jdbc.update("DELETE FROM email_template WHERE id = ?", id);
    }

    /** The template as this contact would receive it (unsaved edits included). */
    @Transactional(readOnly = true)
    public RenderedEmail preview(EmailTemplate draft, long contactId) {
        EmailRenderer.Recipient recipient = renderer.recipient(contactId)
                .orElseThrow(() -> new ValidationFailedException("cadence.template.error.noContact"));
        return renderer.render(draft, recipient);
    }

    static void validate(EmailTemplate t) {
        if (t.name() == null || t.name().isBlank()) {
            throw new ValidationFailedException("cadence.template.error.name");
        }
        if (t.name().trim().length() > 120) {
            throw new ValidationFailedException("cadence.error.tooLong", 120);
        }
        validateLanguage("English", t.subjectEn(), t.htmlEn(), t.textEn(), true);
        boolean anyRussian = notBlank(t.subjectRu()) || notBlank(t.htmlRu()) || notBlank(t.textRu());
        if (anyRussian) {
            validateLanguage("Русский", t.subjectRu(), t.htmlRu(), t.textRu(), true);
        }
    }

    private static void validateLanguage(String language, String subject, String html, String text, boolean required) {
        if (!notBlank(subject) || !notBlank(html) || !notBlank(text)) {
            throw new ValidationFailedException("cadence.template.error.incomplete", language);
        }
        if (subject.length() > 300) {
            throw new ValidationFailedException("cadence.error.tooLong", 300);
        }
        if (!TemplatePlaceholders.hasUnsubscribeLink(html) || !TemplatePlaceholders.hasUnsubscribeLink(text)) {
            throw new ValidationFailedException("cadence.template.error.unsubscribe", language);
        }
        for (String part : List.of(subject, html, text)) {
            List<String> unknown = TemplatePlaceholders.unknown(part);
            if (!unknown.isEmpty()) {
                throw new ValidationFailedException("cadence.template.error.placeholder", "{{" + unknown.getFirst() + "}}");
            }
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return notBlank(s) ? s : null;
    }

    static final RowMapper<EmailTemplate> TEMPLATE = (rs, i) -> new EmailTemplate(rs.getLong("id"),
            rs.getString("system_key"), rs.getString("name"), rs.getString("subject_en"), rs.getString("html_en"),
            rs.getString("text_en"), rs.getString("subject_ru"), rs.getString("html_ru"), rs.getString("text_ru"),
            rs.getLong("version"));
}
