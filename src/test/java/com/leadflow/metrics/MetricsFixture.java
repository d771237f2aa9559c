package com.leadflow.metrics;

import com.leadflow.contact.ContactFixtures;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A small known data set for the dashboard: contacts of one unique first-touch campaign with their funnel and
 * lifecycle histories, SLA clocks and activities, all written directly, so every figure can be asserted exactly.
 * Deleting the contacts removes their history rows too (ON DELETE CASCADE).
 */
public final class MetricsFixture {

    private final JdbcTemplate jdbc;
    public final String campaign = "Campaign " + ContactFixtures.marker();
    private final List<Long> contacts = new ArrayList<>();
    private final List<String> campaigns = new ArrayList<>();
    private final List<Long> segments = new ArrayList<>();

    public MetricsFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static LocalDateTime at(String isoDate) {
        return LocalDateTime.parse(isoDate.length() == 10 ? isoDate + "T10:00:00" : isoDate);
    }

    public long teamId(String name) {
        return jdbc.queryForObject("SELECT id FROM team WHERE name = ?", Long.class, name);
    }

    public long userId(String username) {
        return jdbc.queryForObject("SELECT id FROM app_user WHERE username = ?", Long.class, username);
    }

    /**
     * The seven contacts the dashboard tests start from, in the first quarter of 2025, with their funnel and lifecycle
     * histories. A: all the way to won; B: lost, back three months later; C, E: sitting in INTERESTED; D: lost early;
     * F: a new lead with no moves yet; G: created before the period, won in it. Returns their ids, A to G.
     */
    public long[] sevenContacts() {
        campaign(campaign, "EVENT", "2025-01-01", "2025-03-31", "1000.00");
        long a = contact("A", "2025-01-10", "North", "sam", "WEB_FORM", "WON", "WON", "CUSTOMER");
        long b = contact("B", "2025-01-10", "North", "sam", "WEB_FORM", "INTERESTED", "OPEN", "SQL");
        long c = contact("C", "2025-01-10", "North", "olga", "AD", "INTERESTED", "OPEN", "MQL");
        long d = contact("D", "2025-01-10", "North", "olga", "AD", "LOST", "LOST", "LEAD");
        long e = contact("E", "2025-01-10", "South", "peter", "AD", "INTERESTED", "OPEN", "LEAD");
        long f = contact("F", "2025-01-10", "South", "peter", null, "UNINTERESTED", "OPEN", "SUBSCRIBER");
        long g = contact("G", "2024-12-01", "South", "dmitry", "REFERRAL", "WON", "WON", "CUSTOMER");

        funnel(a, null, "UNINTERESTED", "2025-01-10");
        funnel(a, "UNINTERESTED", "INTERESTED", "2025-01-12");
        funnel(a, "INTERESTED", "ACTIVE_REQUEST", "2025-01-15");
        funnel(a, "ACTIVE_REQUEST", "WON", "2025-01-20");
        funnel(b, null, "UNINTERESTED", "2025-01-10");
        funnel(b, "UNINTERESTED", "INTERESTED", "2025-01-14");
        funnel(b, "INTERESTED", "LOST", "2025-01-20");
        funnel(b, "LOST", "INTERESTED", "2025-05-01");
        funnel(c, null, "UNINTERESTED", "2025-01-10");
        funnel(c, "UNINTERESTED", "INTERESTED", "2025-01-16");
        funnel(d, null, "UNINTERESTED", "2025-01-11");
        funnel(d, "UNINTERESTED", "LOST", "2025-02-01");
        funnel(e, null, "UNINTERESTED", "2024-12-20");
        funnel(e, "UNINTERESTED", "INTERESTED", "2025-01-05");
        funnel(g, null, "UNINTERESTED", "2024-12-01");
        funnel(g, "UNINTERESTED", "WON", "2025-03-10");

        lifecycle(a, "SUBSCRIBER", "LEAD", "2025-01-10");
        lifecycle(a, "LEAD", "MQL", "2025-01-12");
        lifecycle(a, "MQL", "SQL", "2025-01-15");
        lifecycle(a, "SQL", "CUSTOMER", "2025-01-20");
        lifecycle(b, "LEAD", "MQL", "2025-01-14");
        lifecycle(b, "MQL", "SQL", "2025-01-18");
        lifecycle(c, "LEAD", "MQL", "2025-01-16");
        lifecycle(g, "MQL", "SQL", "2024-12-15");
        lifecycle(g, "SQL", "CUSTOMER", "2025-03-10");
        return new long[]{a, b, c, d, e, f, g};
    }

    /** A contact of this fixture's campaign, in its current state. */
    public long contact(String name, String created, String team, String owner, String source, String funnelStage,
                        String status, String lifecycle) {
        return contact(name, created, team, owner, source, funnelStage, status, lifecycle, campaign);
    }

    public long contact(String name, String created, String team, String owner, String source, String funnelStage,
                        String status, String lifecycle, String campaignName) {
        jdbc.update("""
                INSERT INTO contact (first_name, last_name, company, first_touch_source, first_touch_campaign,
                                     first_touch_at, owner_id, team_id, funnel_stage, status, lifecycle_stage,
                                     created_at, updated_at)
                VALUES (?, ?, 'Fixture Ltd', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                name, "Metrics", source, campaignName, at(created), owner == null ? null : userId(owner),
                team == null ? null : teamId(team), funnelStage, status, lifecycle, at(created), at(created));
        long id = jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
        contacts.add(id);
        return id;
    }

    /** A funnel move; like the board, it also sets the contact's stage_entered_at when it moves into its stage now. */
    public void funnel(long contact, String from, String to, String when) {
        jdbc.update("INSERT INTO funnel_stage_history (contact_id, from_stage, to_stage, changed_at) VALUES (?, ?, ?, ?)",
                contact, from, to, at(when));
        jdbc.update("UPDATE contact SET stage_entered_at = ? WHERE id = ? AND funnel_stage = ?", at(when), contact, to);
    }

    public void lifecycle(long contact, String from, String to, String when) {
        jdbc.update("""
                INSERT INTO lifecycle_stage_history (contact_id, from_stage, to_stage, moved_at, cause)
                VALUES (?, ?, ?, ?, 'RULE')""", contact, from, to, at(when));
    }

    public void sla(long contact, String started, String due, String stopped) {
        jdbc.update("""
                INSERT INTO sla_clock (contact_id, started_at, due_at, target_minutes, stopped_at)
                VALUES (?, ?, ?, 60, ?)""", contact, at(started), at(due), stopped == null ? null : at(stopped));
    }

    /** A clock routing ended without a contact (reassigned, routed again), missed first when {@code breached} is set. */
    public void cancelledSla(long contact, String started, String due, String cancelled, String breached) {
        jdbc.update("""
                INSERT INTO sla_clock (contact_id, started_at, due_at, target_minutes, cancelled_at, breached_at)
                VALUES (?, ?, ?, 60, ?, ?)""", contact, at(started), at(due), at(cancelled),
                breached == null ? null : at(breached));
    }

    public void activity(long contact, String type, String when) {
        jdbc.update("""
                INSERT INTO activity (contact_id, type, occurred_at, author_kind, created_at)
                VALUES (?, ?, ?, 'API', ?)""", contact, type, at(when), at(when));
    }

    public void campaign(String name, String channel, String starts, String ends, String cost) {
        jdbc.update("""
                INSERT INTO campaign (name, channel, starts_on, ends_on, cost, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, NOW(6), NOW(6))""", name, channel, java.sql.Date.valueOf(starts),
                ends == null ? null : java.sql.Date.valueOf(ends), new java.math.BigDecimal(cost));
        campaigns.add(name);
    }

    public long segment(long... members) {
        jdbc.update("""
                INSERT INTO segment (name, rule_json, created_at, updated_at)
                VALUES (?, '{"combinator":"AND","children":[]}', NOW(6), NOW(6))""", "Segment " + ContactFixtures.marker());
        long id = jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
        for (long member : members) {
            jdbc.update("INSERT INTO segment_member (segment_id, contact_id, entered_at) VALUES (?, ?, NOW(6))", id, member);
        }
        segments.add(id);
        return id;
    }

    public void delete() {
        for (long id : segments) {
            jdbc.update("DELETE FROM segment WHERE id = ?", id);
        }
        for (long id : contacts) {
            jdbc.update("DELETE FROM sla_clock WHERE contact_id = ?", id);
            jdbc.update("DELETE FROM contact WHERE id = ?", id);
        }
        for (String name : campaigns) {
            jdbc.update("DELETE FROM campaign WHERE name = ?", name);
        }
    }
}
