package com.leadflow.rules;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the field catalog with the funnel stages as they are now (one small query: stages can be edited). */
@Component
public class FieldCatalogProvider {

    private final JdbcTemplate jdbc;

    FieldCatalogProvider(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public FieldCatalog current() {
        return new FieldCatalog(stages());
    }

    /** The catalog for a rule editor: also who the people and teams are, so owner and team are picked by name. */
    public FieldCatalog forEditing() {
        Map<String, String> people = new LinkedHashMap<>();
        jdbc.query("SELECT id, display_name FROM app_user ORDER BY display_name, id",
                rs -> { people.put(rs.getString(1), rs.getString(2)); });
        Map<String, String> teams = new LinkedHashMap<>();
        jdbc.query("SELECT id, name FROM team ORDER BY name, id", rs -> { teams.put(rs.getString(1), rs.getString(2)); });
        return new FieldCatalog(stages(), Map.of("owner", people, "team", teams));
    }

    private List<String> stages() {
        return jdbc.queryForList("SELECT code FROM funnel_stage ORDER BY position", String.class);
    }
}
