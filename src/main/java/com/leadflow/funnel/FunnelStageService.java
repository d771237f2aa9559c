package com.leadflow.funnel;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The funnel stages in board order. Everybody reads them; MARKETING and ADMIN add, rename, reorder, recolour and
 * remove stages. Won and Lost are the system's closing stages: they can be renamed and recoloured, not removed.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class FunnelStageService {

    public static final String CAN_EDIT = "hasAnyRole('ADMIN','MARKETING')";

    private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,39}$");
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final RowMapper<FunnelStage> ROW = (rs, i) -> new FunnelStage(rs.getString("code"),
            rs.getInt("position"), rs.getBoolean("terminal"), (Integer) rs.getObject("win_probability"),
            rs.getString("color"), rs.getString("name_en"), rs.getString("name_ru"),
            (Integer) rs.getObject("warn_after_days"));
    private static final String SELECT = """
            SELECT code, position, terminal, win_probability, color, name_en, name_ru, warn_after_days
            FROM funnel_stage""";

    private final JdbcTemplate jdbc;
    private final CurrentUserProvider currentUser;

    FunnelStageService(JdbcTemplate jdbc, CurrentUserProvider currentUser) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    @Transactional(readOnly = true)
    public List<FunnelStage> stages() {
        return jdbc.query(SELECT + " ORDER BY position, code", ROW);
    }

    /** The board's columns: every stage that is not terminal, in order. */
    @Transactional(readOnly = true)
    public List<FunnelStage> openStages() {
        return stages().stream().filter(s -> !s.terminal()).toList();
    }

    @Transactional(readOnly = true)
    public Optional<FunnelStage> find(String code) {
        return code == null ? Optional.empty() : jdbc.query(SELECT + " WHERE code = ?", ROW, code).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public boolean exists(String code) {
        return find(code).isPresent();
    }

    /** Whether the current user may edit stages and lost reasons (the settings view offers editing by it). */
    public boolean canEdit() {
        return currentUser.find().map(u -> u.role() == Role.ADMIN || u.role() == Role.MARKETING).orElse(false);
    }

    /** Creates the stage when its code is new, else changes it; a new stage goes to the end of the open stages. */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public FunnelStage save(FunnelStage stage) {
        String nameEn = trimmed(stage.nameEn());
        String nameRu = trimmed(stage.nameRu());
        if (nameEn == null || nameRu == null) {
            throw new ValidationFailedException("board.stage.nameRequired");
        }
        if (nameEn.length() > 100 || nameRu.length() > 100) {
            throw new ValidationFailedException("board.stage.nameTooLong");
        }
        if (stage.winProbability() != null && (stage.winProbability() < 0 || stage.winProbability() > 100)) {
            throw new ValidationFailedException("board.stage.probabilityRange");
        }
        if (stage.warnAfterDays() != null && (stage.warnAfterDays() < 1 || stage.warnAfterDays() > 3650)) {
            throw new ValidationFailedException("board.stage.warnRange");
        }
        String color = trimmed(stage.color());
        if (color != null && !COLOR.matcher(color).matches()) {
            throw new ValidationFailedException("board.stage.colorInvalid");
        }
        Optional<FunnelStage> existing = find(stage.code());
        if (existing.isEmpty()) {
            String code = stage.code() == null ? "" : stage.code().trim();
            if (!CODE.matcher(code).matches()) {
                throw new ValidationFailedException("board.stage.codeInvalid");
            }
            // new stages are open stages, placed before Won and Lost
            Integer lastOpen = jdbc.queryForObject(
                    "SELECT COALESCE(MAX(position), 0) FROM funnel_stage WHERE terminal = FALSE", Integer.class);
            int position = (lastOpen == null ? 0 : lastOpen) + 1;
            jdbc.update("UPDATE funnel_stage SET position = position + 1 WHERE position >= ?", position);
            jdbc.update("""
                    INSERT INTO funnel_stage (code, position, terminal, win_probability, color, name_en, name_ru,
                                              warn_after_days)
                    VALUES (?, ?, FALSE, ?, ?, ?, ?, ?)""",
                    code, position, stage.winProbability(), color, nameEn, nameRu, stage.warnAfterDays());
            return find(code).orElseThrow();
        }
        FunnelStage before = existing.get();
        boolean terminal = before.isSystemStage() || stage.terminal();
        if (terminal && !before.terminal() && openContactsIn(before.code()) > 0) {
            throw new ValidationFailedException("board.stage.terminalInUse");
        }
        jdbc.update("""
                UPDATE funnel_stage SET terminal = ?, win_probability = ?, color = ?, name_en = ?, name_ru = ?,
                                        warn_after_days = ?
                WHERE code = ?""",
                terminal, stage.winProbability(), color, nameEn, nameRu, stage.warnAfterDays(), before.code());
        return find(before.code()).orElseThrow();
    }

    /** Swaps the stage with its neighbour before ({@code up}) or after it in the board order. */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public void move(String code, boolean up) {
        List<FunnelStage> all = stages();
        int index = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).code().equals(code)) {
                index = i;
            }
        }
        int other = up ? index - 1 : index + 1;
        if (index < 0 || other < 0 || other >= all.size()) {
            return;
        }
        FunnelStage a = all.get(index);
        FunnelStage b = all.get(other);
        jdbc.update("UPDATE funnel_stage SET position = ? WHERE code = ?", b.position(), a.code());
        jdbc.update("UPDATE funnel_stage SET position = ? WHERE code = ?", a.position(), b.code());
    }

    /** Removes a stage nobody is or ever was in (the stage history refers to it otherwise). */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public void delete(String code) {
        FunnelStage stage = find(code).orElseThrow(() -> new ValidationFailedException("board.stage.notFound"));
        if (stage.isSystemStage()) {
            throw new ValidationFailedException("board.stage.systemStage");
        }
        Integer contacts = jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE funnel_stage = ?", Integer.class,
                code);
        Integer history = jdbc.queryForObject(
                "SELECT COUNT(*) FROM funnel_stage_history WHERE from_stage = ? OR to_stage = ?", Integer.class,
                code, code);
        if ((contacts != null && contacts > 0) || (history != null && history > 0)) {
            throw new ValidationFailedException("board.stage.inUse");
        }
        jdbc.update("DELETE FROM funnel_stage WHERE code = ?", code);
    }

    private int openContactsIn(String code) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE status = 'OPEN' AND funnel_stage = ?",
                Integer.class, code);
        return n == null ? 0 : n;
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
