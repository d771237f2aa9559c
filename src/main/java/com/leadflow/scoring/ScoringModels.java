package com.leadflow.scoring;

import com.leadflow.rules.RuleJson;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and writes scoring models and their rules (plain JDBC: two small tables, read as a whole). */
@Component
class ScoringModels {

    static final String PUBLISHED = "PUBLISHED";
    static final String DRAFT = "DRAFT";

    private final JdbcTemplate jdbc;
    private final RuleJson ruleJson;

    ScoringModels(JdbcTemplate jdbc, RuleJson ruleJson) {
        this.jdbc = jdbc;
        this.ruleJson = ruleJson;
    }

    Optional<ScoringModel> find(String status) {
        return jdbc.query("""
                SELECT id, version, status, warm_threshold, hot_threshold, mql_threshold, half_life_days, fit_cap,
                       engagement_cap, published_at, refreshed_at
                FROM scoring_model WHERE status = ?""", this::model, status).stream().findFirst();
    }

    private ScoringModel model(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        return new ScoringModel(id, rs.getLong("version"), DRAFT.equals(rs.getString("status")),
                rs.getInt("warm_threshold"), rs.getInt("hot_threshold"), rs.getInt("mql_threshold"),
                rs.getInt("half_life_days"), rs.getObject("fit_cap", Integer.class),
                rs.getObject("engagement_cap", Integer.class), DbTime.read(rs, "published_at"),
                DbTime.read(rs, "refreshed_at"), rules(id));
    }

    List<ScoringRule> rules(long modelId) {
        return jdbc.query("SELECT id, rule_group, name, points, rule_json FROM scoring_rule WHERE model_id = ? "
                        + "ORDER BY position, id",
                (rs, i) -> new ScoringRule(rs.getLong(1), ScoreGroup.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getInt(4), ruleJson.read(rs.getString(5))), modelId);
    }

    /** Inserts or updates the model with the given status and replaces its rules; returns its id. */
    long save(ScoringModel model, String status, Instant now) {
        java.time.LocalDateTime at = DbTime.of(now);
        Optional<ScoringModel> existing = find(status);
        long id;
        if (existing.isEmpty()) {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement("""
                        INSERT INTO scoring_model (status, warm_threshold, hot_threshold, mql_threshold, half_life_days,
                                                   fit_cap, engagement_cap, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
                ps.setString(1, status);
                ps.setInt(2, model.warmThreshold());
                ps.setInt(3, model.hotThreshold());
                ps.setInt(4, model.mqlThreshold());
                ps.setInt(5, model.halfLifeDays());
                ps.setObject(6, model.fitCap());
                ps.setObject(7, model.engagementCap());
                ps.setObject(8, at);
                ps.setObject(9, at);
                return ps;
            }, keys);
            id = keys.getKey().longValue();
        } else {
            id = existing.get().id();
            // a draft saved by somebody else since this one was read is refused, never overwritten
            if (model.id() != null && model.id() == id && model.version() != existing.get().version()) {
                throw new OptimisticLockingFailureException("Scoring draft changed meanwhile");
            }
            jdbc.update("""
                    UPDATE scoring_model SET warm_threshold = ?, hot_threshold = ?, mql_threshold = ?, half_life_days = ?,
                           fit_cap = ?, engagement_cap = ?, updated_at = ?, version = version + 1
                    WHERE id = ?""", model.warmThreshold(), model.hotThreshold(), model.mqlThreshold(),
                    model.halfLifeDays(), model.fitCap(), model.engagementCap(), at, id);
            jdbc.update("DELETE FROM scoring_rule WHERE model_id = ?", id);
        }
        int position = 0;
        for (ScoringRule rule : model.rules()) {
            jdbc.update("""
                    INSERT INTO scoring_rule (model_id, position, rule_group, name, points, rule_json)
                    VALUES (?, ?, ?, ?, ?, ?)""", id, position++, rule.group().name(), rule.name().trim(),
                    rule.points(), ruleJson.write(rule.rule()));
        }
        return id;
    }

    /** The draft becomes the published model; the previous published model is dropped. */
    void publishDraft(long userId, Instant now) {
        jdbc.update("DELETE FROM scoring_model WHERE status = ?", PUBLISHED);
        jdbc.update("UPDATE scoring_model SET status = ?, published_at = ?, published_by = ?, version = version + 1 "
                + "WHERE status = ?", PUBLISHED, DbTime.of(now), userId, DRAFT);
    }

    void discardDraft() {
        jdbc.update("DELETE FROM scoring_model WHERE status = ?", DRAFT);
    }

    void refreshed(long modelId, Instant at) {
        jdbc.update("UPDATE scoring_model SET refreshed_at = ? WHERE id = ?", DbTime.of(at), modelId);
    }
}
