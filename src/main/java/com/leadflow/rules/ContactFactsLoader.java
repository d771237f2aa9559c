package com.leadflow.rules;

import com.leadflow.rules.ContactFacts.ActivityFact;
import com.leadflow.timeline.ActivityType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads what the evaluator needs to know about one contact in three primary-key or indexed queries: the contact
 * row, its activities in the window the rules look at ({@code ix_activity_contact_time}), its segment memberships.
 */
@Component
public class ContactFactsLoader {

    /** The contact's columns the facts hold, in the order of {@link ContactFacts}'s fields ({@link #contactAt}). */
    static final List<String> CONTACT_COLUMNS = List.of("id", "first_name", "last_name", "email", "phone", "company",
            "job_title", "country", "city", "product_interest", "preferred_channel", "first_touch_source",
            "first_touch_at", "first_touch_campaign", "owner_id", "team_id", "lifecycle_stage", "funnel_stage",
            "status", "lost_reason", "do_not_contact", "score", "temperature", "created_at", "last_activity_at");
    private static final String CONTACT_SQL = "SELECT " + String.join(", ", CONTACT_COLUMNS)
            + " FROM contact WHERE id = ?";
    // the attributes are read with the compiler's own expression, so both sides see the same text
    private static final String ACTIVITY_SQL = "SELECT type, occurred_at, "
            + FieldCatalog.LOADED_ATTRIBUTES.stream()
                    .map(attribute -> RuleSqlCompiler.attributeExpression("a", attribute))
                    .collect(Collectors.joining(", "))
            + " FROM activity a WHERE a.contact_id = ? AND a.occurred_at >= ?";
    private static final String SEGMENTS_SQL = "SELECT segment_id FROM segment_member WHERE contact_id = ?";

    private final JdbcTemplate jdbc;

    ContactFactsLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The facts the given rules need at {@code now}: activities as far back as the longest window among them. */
    @Transactional(readOnly = true)
    public Optional<ContactFacts> load(long contactId, Collection<Rule> rules, Instant now) {
        Instant since = null;
        for (Rule rule : rules) {
            Instant needed = RuleEvaluator.activitiesNeededSince(rule, now);
            if (needed != null && (since == null || needed.isBefore(since))) {
                since = needed;
            }
        }
        return load(contactId, since);
    }

    /** The contact with its activities since {@code activitiesSince} (null: none), or empty if it does not exist. */
    @Transactional(readOnly = true)
    public Optional<ContactFacts> load(long contactId, Instant activitiesSince) {
        List<ActivityFact> activities = activitiesSince == null ? List.of()
                : jdbc.query(ACTIVITY_SQL, ContactFactsLoader::activity, contactId,
                        RuleSqlCompiler.utc(activitiesSince)).stream().filter(a -> a.type() != null).toList();
        Set<Long> segments = new HashSet<>(jdbc.queryForList(SEGMENTS_SQL, Long.class, contactId));
        return jdbc.query(CONTACT_SQL, (rs, i) -> contact(rs, activitiesSince, activities, segments), contactId)
                .stream().findFirst();
    }

    static ContactFacts contact(ResultSet rs, Instant activitiesSince, List<ActivityFact> activities,
                                        Set<Long> segments) throws SQLException {
        return new ContactFacts(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("phone"), rs.getString("company"), rs.getString("job_title"),
                rs.getString("country"), rs.getString("city"), rs.getString("product_interest"),
                rs.getString("preferred_channel"), rs.getString("first_touch_source"), instant(rs, "first_touch_at"),
                rs.getString("first_touch_campaign"), rs.getObject("owner_id", Long.class),
                rs.getObject("team_id", Long.class), rs.getString("lifecycle_stage"), rs.getString("funnel_stage"),
                rs.getString("status"), rs.getString("lost_reason"), rs.getBoolean("do_not_contact"),
                rs.getInt("score"), rs.getString("temperature"), instant(rs, "created_at"),
                instant(rs, "last_activity_at"), activitiesSince, activities, segments);
    }

    /**
     * The facts from the first {@link #CONTACT_COLUMNS} columns of the row, read by position (a full refresh reads a
     * million rows), without activities or segments.
     */
    static ContactFacts contactAt(ResultSet rs) throws SQLException {
        return new ContactFacts(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), instant(rs, 13), rs.getString(14), rs.getObject(15, Long.class),
                rs.getObject(16, Long.class), rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20),
                rs.getBoolean(21), rs.getInt(22), rs.getString(23), instant(rs, 24), instant(rs, 25), null, List.of(),
                Set.of());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** Types this version does not know (written by a newer one) match no condition, in SQL either. */
    private static ActivityFact activity(ResultSet rs, int row) throws SQLException {
        ActivityType type = null;
        for (ActivityType candidate : ActivityType.values()) {
            if (candidate.name().equals(rs.getString(1))) {
                type = candidate;
            }
        }
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < FieldCatalog.LOADED_ATTRIBUTES.size(); i++) {
            String value = rs.getString(3 + i);
            if (value != null) {
                attributes.put(FieldCatalog.LOADED_ATTRIBUTES.get(i), value);
            }
        }
        return new ActivityFact(type, instant(rs, "occurred_at"), attributes);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
