package com.leadflow.rules;

import com.leadflow.contact.LostReason;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the field catalog with the values that are data as they are now: the funnel stages and the lost reasons
 * (one small query: both are edited in the funnel settings).
 */
@Component
public class FieldCatalogProvider {

    private final JdbcTemplate jdbc;

    FieldCatalogProvider(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public FieldCatalog current() {
        Codes codes = codes();
        return new FieldCatalog(codes.funnelStages(), codes.lostReasons(), Map.of());
    }

    /** The catalog for a rule editor in English. */
    public FieldCatalog forEditing() {
        return forEditing(Locale.ENGLISH);
    }

    /**
     * The catalog for a rule editor: also who the people and teams are, so owner and team are picked by name, and
     * the lost reasons' names in the editor's language (retired reasons too: a rule may still refer to them).
     */
    public FieldCatalog forEditing(Locale locale) {
        Map<String, String> people = new LinkedHashMap<>();
        jdbc.query("SELECT id, display_name FROM app_user ORDER BY display_name, id",
                rs -> { people.put(rs.getString(1), rs.getString(2)); });
        Map<String, String> teams = new LinkedHashMap<>();
        jdbc.query("SELECT id, name FROM team ORDER BY name, id", rs -> { teams.put(rs.getString(1), rs.getString(2)); });
        boolean russian = locale != null && "ru".equals(locale.getLanguage());
        Map<String, String> reasons = new LinkedHashMap<>();
        jdbc.query("SELECT code, name_en, name_ru FROM lost_reason ORDER BY position, code",
                rs -> { reasons.put(rs.getString(1), rs.getString(russian ? 3 : 2)); });
        Codes codes = codes();
        return new FieldCatalog(codes.funnelStages(), codes.lostReasons(),
                Map.of("owner", people, "team", teams, "lostReason", reasons));
    }

    private record Codes(List<String> funnelStages, List<String> lostReasons) {
    }

    /**
     * Funnel stage codes in board order; lost reason codes in list order, then any built-in reason the table no
     * longer has (contacts may still carry it).
     */
    private Codes codes() {
        List<String> stages = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        jdbc.query("""
                SELECT 'F', code, position FROM funnel_stage
                UNION ALL SELECT 'L', code, position FROM lost_reason
                ORDER BY 1, 3, 2""", rs -> {
            (rs.getString(1).equals("F") ? stages : reasons).add(rs.getString(2));
        });
        for (LostReason builtIn : LostReason.values()) {
            if (!reasons.contains(builtIn.name())) {
                reasons.add(builtIn.name());
            }
        }
        return new Codes(stages, reasons);
    }
}
