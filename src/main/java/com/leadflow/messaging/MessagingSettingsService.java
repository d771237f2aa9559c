package com.leadflow.messaging;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.security.Roles;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and (ADMIN) changes the SMTP server, the sender address and the frequency cap. */
@Service
@PreAuthorize("isAuthenticated()")
public class MessagingSettingsService {

    private final JdbcTemplate jdbc;

    MessagingSettingsService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @PreAuthorize("permitAll()") // the sender and the scheduler read it with nobody logged in
    @Transactional(readOnly = true)
    public MessagingSettings current() {
        return jdbc.queryForObject("""
                SELECT smtp_host, smtp_port, smtp_username, smtp_password, smtp_starttls, from_address, from_name,
                       frequency_cap_days, version FROM messaging_settings WHERE id = 1""",
                (rs, i) -> new MessagingSettings(rs.getString(1), (Integer) rs.getObject(2, Integer.class),
                        rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7),
                        rs.getInt(8), rs.getLong(9)));
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    @Transactional
    public MessagingSettings save(MessagingSettings s) {
        if (s.smtpConfigured() && (s.smtpPort() == null || s.smtpPort() < 1 || s.smtpPort() > 65535)) {
            throw new ValidationFailedException("cadence.mail.settings.error.port");
        }
        if (s.fromAddress() == null || !s.fromAddress().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            throw new ValidationFailedException("cadence.mail.settings.error.from");
        }
        if (s.frequencyCapDays() < 0 || s.frequencyCapDays() > 365) {
            throw new ValidationFailedException("cadence.mail.settings.error.cap");
        }
        int updated = jdbc.update("""
                UPDATE messaging_settings SET smtp_host = ?, smtp_port = ?, smtp_username = ?, smtp_password = ?,
                       smtp_starttls = ?, from_address = ?, from_name = ?, frequency_cap_days = ?, version = version + 1
                WHERE id = 1 AND version = ?""",
                blankToNull(s.smtpHost()), s.smtpConfigured() ? s.smtpPort() : null, blankToNull(s.smtpUsername()),
                blankToNull(s.smtpPassword()), s.smtpStartTls(), s.fromAddress().trim(),
                s.fromName() == null || s.fromName().isBlank() ? "Leadflow" : s.fromName().trim(),
                s.frequencyCapDays(), s.version());
        if (updated == 0) {
            throw new OptimisticLockingFailureException("messaging settings changed meanwhile");
        }
        return current();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
