package com.leadflow.funnel;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The funnel stages in board order. */
@Service
@PreAuthorize("isAuthenticated()")
public class FunnelStageService {

    private final JdbcTemplate jdbc;

    FunnelStageService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<FunnelStage> stages() {
        return jdbc.query("SELECT code, position, terminal, win_probability, color FROM funnel_stage ORDER BY position",
                (rs, i) -> new FunnelStage(rs.getString(1), rs.getInt(2), rs.getBoolean(3),
                        (Integer) rs.getObject(4), rs.getString(5)));
    }

    @Transactional(readOnly = true)
    public boolean exists(String code) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM funnel_stage WHERE code = ?", Integer.class, code);
        return n != null && n > 0;
    }
}
