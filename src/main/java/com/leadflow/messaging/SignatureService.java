package com.leadflow.messaging;

import com.leadflow.audit.AuditLog;
import com.leadflow.audit.FieldChange;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Email signatures: everyone edits their own, ADMIN edits anyone's. A signature is plain text (the HTML part
 * escapes it and keeps its line breaks), at most {@value #MAX_LENGTH} characters on {@value #MAX_LINES} lines.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class SignatureService {

    public static final int MAX_LENGTH = 1000;
    public static final int MAX_LINES = 12;
    private static final String AUDIT_TYPE = "USER";

    private final JdbcTemplate jdbc;
    private final CurrentUserProvider currentUser;
    private final EmailRenderer renderer;
    private final AuditLog auditLog;
    private final Clock clock;

    SignatureService(JdbcTemplate jdbc, CurrentUserProvider currentUser, EmailRenderer renderer, AuditLog auditLog,
                     Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.renderer = renderer;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** True when the current user may edit other people's signatures. */
    public boolean canEditOthers() {
        return currentUser.require().role() == Role.ADMIN;
    }

    /** Whose signatures the current user may edit: themself, or (ADMIN) every enabled user. */
    @Transactional(readOnly = true)
    public List<Signature> editable() {
        CurrentUser me = currentUser.require();
        String where = me.role() == Role.ADMIN ? "enabled OR id = ?" : "id = ?";
        return jdbc.query("SELECT id, display_name, email, email_signature FROM app_user WHERE " + where
                + " ORDER BY display_name", ROW, me.id());
    }

    @Transactional(readOnly = true)
    public Signature mine() {
        return load(currentUser.require().id());
    }

    @Transactional(readOnly = true)
    public Signature of(long userId) {
        requireMayEdit(userId);
        return load(userId);
    }

    /** Saves a signature (blank: none, the name and email stand in); returns it as stored. */
    @Transactional
    public Signature save(long userId, String text) {
        requireMayEdit(userId);
        String clean = clean(text);
        Signature before = load(userId);
        if (!Objects.equals(before.text(), clean)) {
            jdbc.update("UPDATE app_user SET email_signature = ?, updated_at = ? WHERE id = ?", clean,
                    Timestamp.from(clock.instant()), userId);
            auditLog.record(AUDIT_TYPE, userId, "UPDATE",
                    List.of(new FieldChange("emailSignature", before.text(), clean)));
        }
        return load(userId);
    }

    /**
     * A template as a real contact would get it from this user, with an unsaved signature: the owner placeholders
     * are the user's whoever owns the contact now, so the preview shows the signature being edited.
     */
    @Transactional(readOnly = true)
    public RenderedEmail preview(long userId, String draft, EmailTemplate template, long contactId) {
        requireMayEdit(userId);
        Signature saved = load(userId);
        Signature user = new Signature(userId, saved.displayName(), saved.email(), clean(draft));
        EmailRenderer.Recipient contact = renderer.recipient(contactId)
                .orElseThrow(() -> new ValidationFailedException("cadence.template.error.noContact"));
        return renderer.render(template, new EmailRenderer.Recipient(contact.contactId(), contact.firstName(),
                contact.lastName(), contact.email(), contact.company(), contact.country(), user.displayName(),
                user.email(), user.effective()));
    }

    /** Plain text: trimmed, Windows line ends unified, no control characters, limited in length and lines. */
    static String clean(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (s.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new ValidationFailedException("mail.signature.error.control");
        }
        if (s.length() > MAX_LENGTH) {
            throw new ValidationFailedException("mail.signature.error.tooLong", MAX_LENGTH);
        }
        if (s.lines().count() > MAX_LINES) {
            throw new ValidationFailedException("mail.signature.error.tooManyLines", MAX_LINES);
        }
        return s;
    }

    private void requireMayEdit(long userId) {
        CurrentUser me = currentUser.require();
        if (me.id() != userId && me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only ADMIN may edit another user's signature");
        }
    }

    private Signature load(long userId) {
        return jdbc.query("SELECT id, display_name, email, email_signature FROM app_user WHERE id = ?", ROW, userId)
                .stream().findFirst().orElseThrow(() -> new ValidationFailedException("user.notFound"));
    }

    private static final org.springframework.jdbc.core.RowMapper<Signature> ROW = (rs, i) -> new Signature(
            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
}
