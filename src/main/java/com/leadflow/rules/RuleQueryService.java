package com.leadflow.rules;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs a rule against all contacts for the rule builder's live preview: how many match, and the first few. */
@Service
@PreAuthorize("isAuthenticated()")
public class RuleQueryService {

    public static final int MAX_LIMIT = 1000;

    private final JdbcTemplate jdbc;
    private final FieldCatalogProvider catalogs;

    RuleQueryService(JdbcTemplate jdbc, FieldCatalogProvider catalogs) {
        this.jdbc = jdbc;
        this.catalogs = catalogs;
    }

    /** Throws {@link RuleValidationException} if the rule has problems. */
    @Transactional(readOnly = true)
    public long count(Rule rule) {
        SqlPredicate predicate = new RuleSqlCompiler(catalogs.current()).compile(rule, Instant.now());
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM contact c WHERE " + predicate.sql(), Long.class,
                predicate.params().toArray());
        return count == null ? 0 : count;
    }

    /** The ids of the first matching contacts, most recently active first; throws if the rule has problems. */
    @Transactional(readOnly = true)
    public List<Long> firstIds(Rule rule, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
        SqlPredicate predicate = new RuleSqlCompiler(catalogs.current()).compile(rule, Instant.now());
        List<Object> params = new ArrayList<>(predicate.params());
        params.add(limit);
        return jdbc.queryForList("SELECT c.id FROM contact c WHERE " + predicate.sql()
                + " ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?", Long.class, params.toArray());
    }
}
