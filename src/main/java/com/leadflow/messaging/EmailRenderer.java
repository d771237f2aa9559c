package com.leadflow.messaging;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/** Fills a template for one contact: its language, its name and company, its owner's name and signature. */
@Component
class EmailRenderer {

    private final JdbcTemplate jdbc;
    private final UnsubscribeTokens tokens;

    EmailRenderer(JdbcTemplate jdbc, UnsubscribeTokens tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    record Recipient(long contactId, String firstName, String lastName, String email, String company, String country,
                     String ownerName, String ownerEmail, String ownerSignature) {
    }

    Optional<Recipient> recipient(long contactId) {
        List<Recipient> found = jdbc.query("""
                SELECT c.id, c.first_name, c.last_name, c.email, c.company, c.country,
                       u.display_name, u.email, u.email_signature
                FROM contact c LEFT JOIN app_user u ON u.id = c.owner_id WHERE c.id = ?""",
                (rs, i) -> new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)),
                contactId);
        return found.stream().findFirst();
    }

    /** Many recipients in one query (a sender batch). */
    Map<Long, Recipient> recipients(List<Long> contactIds) {
        Map<Long, Recipient> found = new HashMap<>();
        if (contactIds.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT c.id, c.first_name, c.last_name, c.email, c.company, c.country,
                       u.display_name, u.email, u.email_signature
                FROM contact c LEFT JOIN app_user u ON u.id = c.owner_id WHERE c.id IN ("""
                + String.join(",", Collections.nCopies(contactIds.size(), "?")) + ")", rs -> {
                    Recipient r = new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
                    found.put(r.contactId(), r);
                }, contactIds.toArray());
        return found;
    }

    RenderedEmail render(EmailTemplate template, Recipient r) {
        Locale language = ContactLanguage.of(r.country());
        boolean russian = language.getLanguage().equals("ru") && template.hasRussian();
        String signature = r.ownerSignature() != null && !r.ownerSignature().isBlank() ? r.ownerSignature()
                : r.ownerName() == null ? "" : r.ownerName() + (r.ownerEmail() == null ? "" : "\n" + r.ownerEmail());
        var values = TemplatePlaceholders.values(r.firstName(), r.lastName(), r.company(), r.ownerName(), signature,
                tokens.url(r.contactId()));
        String subject = russian ? template.subjectRu() : template.subjectEn();
        String html = russian ? template.htmlRu() : template.htmlEn();
        String text = russian ? template.textRu() : template.textEn();
        return new RenderedEmail(r.email(),
                TemplatePlaceholders.fill(subject, values, false).replaceAll("[\\r\\n]+", " "),
                TemplatePlaceholders.fill(html, values, true), TemplatePlaceholders.fill(text, values, false),
                russian ? "ru" : "en");
    }
}
