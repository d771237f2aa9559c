package com.leadflow.rules;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Builds the field catalog with the funnel stages as they are now (one small query: stages can be edited). */
@Component
public class FieldCatalogProvider {

    private final JdbcTemplate jdbc;

    FieldCatalogProvider(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public FieldCatalog current() {
        return new FieldCatalog(jdbc.queryForList("SELECT code FROM funnel_stage ORDER BY position", String.class));
    }
}
