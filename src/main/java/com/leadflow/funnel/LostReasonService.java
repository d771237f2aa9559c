package com.leadflow.funnel;

import com.leadflow.base.ValidationFailedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The editable list of reasons a contact is lost. Everybody reads it; MARKETING and ADMIN add, rename, reorder and
 * retire reasons. A retired reason is no longer offered but stays readable on the contacts that carry it.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class LostReasonService {

    private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,19}$");
    private static final RowMapper<LostReasonOption> ROW = (rs, i) -> new LostReasonOption(rs.getString("code"),
            rs.getString("name_en"), rs.getString("name_ru"), rs.getInt("position"), rs.getBoolean("note_required"),
            rs.getBoolean("active"));

    private final JdbcTemplate jdbc;

    LostReasonService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every reason, retired ones too, in list order. */
    @Transactional(readOnly = true)
    public List<LostReasonOption> all() {
        return jdbc.query("SELECT * FROM lost_reason ORDER BY position, code", ROW);
    }

    /** The reasons a person may choose now. */
    @Transactional(readOnly = true)
    public List<LostReasonOption> active() {
        return all().stream().filter(LostReasonOption::active).toList();
    }

    @Transactional(readOnly = true)
    public Optional<LostReasonOption> find(String code) {
        return code == null ? Optional.empty()
                : jdbc.query("SELECT * FROM lost_reason WHERE code = ?", ROW, code).stream().findFirst();
    }

    /**
     * Refuses a lost without a usable reason: none, unknown, retired (unless the contact already had it), or one
     * that needs a note given without one.
     */
    @Transactional(readOnly = true)
    public void requireUsable(String code, String note, String previousCode) {
        if (code == null || code.isBlank()) {
            throw new ValidationFailedException("contact.lostReasonRequired");
        }
        LostReasonOption reason = find(code).orElseThrow(
                () -> new ValidationFailedException("board.lost.unknownReason", code));
        if (!reason.active() && !code.equals(previousCode)) {
            throw new ValidationFailedException("board.lost.retiredReason", code);
        }
        if (reason.noteRequired() && (note == null || note.isBlank())) {
            throw new ValidationFailedException("board.lost.noteRequired");
        }
    }

    /** Creates the reason when its code is new (at the end of the list), else changes it. */
    @PreAuthorize(FunnelStageService.CAN_EDIT)
    @Transactional
    public LostReasonOption save(LostReasonOption option) {
        String nameEn = option.nameEn() == null ? "" : option.nameEn().trim();
        String nameRu = option.nameRu() == null ? "" : option.nameRu().trim();
        if (nameEn.isEmpty() || nameRu.isEmpty()) {
            throw new ValidationFailedException("board.reason.nameRequired");
        }
        if (nameEn.length() > 100 || nameRu.length() > 100) {
            throw new ValidationFailedException("board.stage.nameTooLong");
        }
        if (find(option.code()).isPresent()) {
            jdbc.update("UPDATE lost_reason SET name_en = ?, name_ru = ?, note_required = ?, active = ? WHERE code = ?",
                    nameEn, nameRu, option.noteRequired(), option.active(), option.code());
            return find(option.code()).orElseThrow();
        }
        String code = option.code() == null ? "" : option.code().trim();
        if (!CODE.matcher(code).matches()) {
            throw new ValidationFailedException("board.reason.codeInvalid");
        }
        Integer last = jdbc.queryForObject("SELECT COALESCE(MAX(position), 0) FROM lost_reason", Integer.class);
        jdbc.update("""
                INSERT INTO lost_reason (code, name_en, name_ru, position, note_required, active)
                VALUES (?, ?, ?, ?, ?, TRUE)""", code, nameEn, nameRu, (last == null ? 0 : last) + 10,
                option.noteRequired());
        return find(code).orElseThrow();
    }
}
