package com.leadflow.contact;

import com.leadflow.security.CurrentUser;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The contact list as set-based, parameterised SQL: every filter has an index that ends in the default sort,
 * and a quick search unions prefix matches on indexed columns, so a page costs what it returns, not the table.
 */
@Component
class ContactQueries {

    private static final String COLUMNS = """
            c.id, c.first_name, c.last_name, c.email, c.company, u.display_name AS owner_name,
            c.lifecycle_stage, c.funnel_stage, c.status, c.first_touch_source, c.preferred_channel,
            c.score, c.temperature, c.last_activity_at, c.do_not_contact""";

    private final NamedParameterJdbcTemplate jdbc;

    ContactQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<ContactListItem> page(ContactFilter filter, CurrentUser user, ContactSort sort, boolean ascending,
                               int offset, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = select(filter, user, params) + " ORDER BY " + sort.orderBy(ascending)
                + " LIMIT :limit OFFSET :offset";
        params.addValue("limit", limit).addValue("offset", offset);
        return jdbc.query(sql, params, ROW);
    }

    void stream(ContactFilter filter, CurrentUser user, ContactSort sort, boolean ascending,
                Consumer<ContactListItem> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = select(filter, user, params) + " ORDER BY " + sort.orderBy(ascending);
        jdbc.query(sql, params, rs -> {
            sink.accept(ROW.mapRow(rs, 0));
        });
    }

    private String select(ContactFilter filter, CurrentUser user, MapSqlParameterSource params) {
        List<String> where = new ArrayList<>();
        String from = "contact c";
        String search = filter.search() == null ? "" : filter.search().trim();
        if (!search.isEmpty()) {
            from = "(" + ContactSearch.matches(search, params) + ") m JOIN contact c ON c.id = m.id";
        }
        switch (filter.ownerScope() == null ? ContactFilter.OwnerScope.ALL : filter.ownerScope()) {
            case MINE -> {
                where.add("c.owner_id = :me");
                params.addValue("me", user.id());
            }
            case MY_TEAM -> {
                where.add(user.teamId() == null ? "c.owner_id = :me" : "c.team_id = :myTeam");
                params.addValue("me", user.id()).addValue("myTeam", user.teamId());
            }
            case ALL -> {
            }
        }
        if (filter.lifecycleStage() != null) {
            where.add("c.lifecycle_stage = :lifecycle");
            params.addValue("lifecycle", filter.lifecycleStage().name());
        }
        if (filter.funnelStage() != null) {
            where.add("c.funnel_stage = :funnel");
            params.addValue("funnel", filter.funnelStage());
        }
        if (filter.status() != null) {
            where.add("c.status = :status");
            params.addValue("status", filter.status().name());
        }
        if (filter.source() != null) {
            where.add("c.first_touch_source = :source");
            params.addValue("source", filter.source().name());
        }
        if (filter.channel() != null) {
            where.add("c.preferred_channel = :channel");
            params.addValue("channel", filter.channel().name());
        }
        if (filter.drilldown() != null) {
            drilldown(filter.drilldown(), where, params);
        }
        return "SELECT " + COLUMNS + " FROM " + from + " LEFT JOIN app_user u ON u.id = c.owner_id"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
    }

    /** The dashboard's narrowing: the same contacts its figure counted (see metrics). */
    private static void drilldown(ContactFilter.Drilldown d, List<String> where, MapSqlParameterSource params) {
        if (d.teamId() != null) {
            where.add("c.team_id = :ddTeam");
            params.addValue("ddTeam", d.teamId());
        }
        if (d.ownerId() != null) {
            where.add("c.owner_id = :ddOwner");
            params.addValue("ddOwner", d.ownerId());
        }
        if (d.campaign() != null) {
            where.add("c.first_touch_campaign = :ddCampaign");
            params.addValue("ddCampaign", d.campaign());
        }
        if (d.segmentId() != null) {
            where.add("EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = :ddSegment AND sm.contact_id = c.id)");
            params.addValue("ddSegment", d.segmentId());
        }
        if (d.enteredStage() != null && d.enteredFrom() != null && d.enteredTo() != null) {
            where.add("""
                    EXISTS (SELECT 1 FROM funnel_stage_history h WHERE h.contact_id = c.id AND h.to_stage = :ddStage
                            AND h.changed_at >= :ddFrom AND h.changed_at < :ddTo)""");
            params.addValue("ddStage", d.enteredStage())
                    .addValue("ddFrom", java.time.LocalDateTime.ofInstant(d.enteredFrom(), java.time.ZoneOffset.UTC))
                    .addValue("ddTo", java.time.LocalDateTime.ofInstant(d.enteredTo(), java.time.ZoneOffset.UTC));
        }
        if (d.enteredLifecycle() != null && d.enteredFrom() != null && d.enteredTo() != null) {
            where.add("""
                    EXISTS (SELECT 1 FROM lifecycle_stage_history l WHERE l.contact_id = c.id
                            AND l.to_stage = :ddLifecycle AND l.moved_at >= :ddFrom AND l.moved_at < :ddTo)""");
            params.addValue("ddLifecycle", d.enteredLifecycle())
                    .addValue("ddFrom", java.time.LocalDateTime.ofInstant(d.enteredFrom(), java.time.ZoneOffset.UTC))
                    .addValue("ddTo", java.time.LocalDateTime.ofInstant(d.enteredTo(), java.time.ZoneOffset.UTC));
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static final RowMapper<ContactListItem> ROW = ContactQueries::mapRow;

    private static ContactListItem mapRow(ResultSet rs, int rowNum) throws SQLException {
        Timestamp lastActivity = rs.getTimestamp("last_activity_at");
        String source = rs.getString("first_touch_source");
        return new ContactListItem(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("company"), rs.getString("owner_name"),
                LifecycleStage.valueOf(rs.getString("lifecycle_stage")), rs.getString("funnel_stage"),
                ContactStatus.valueOf(rs.getString("status")),
                source == null ? null : FirstTouchSource.valueOf(source),
                PreferredChannel.valueOf(rs.getString("preferred_channel")), rs.getInt("score"),
                Temperature.valueOf(rs.getString("temperature")),
                lastActivity == null ? null : lastActivity.toInstant(), rs.getBoolean("do_not_contact"));
    }
}
