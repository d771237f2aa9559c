package com.leadflow.routing;

import com.leadflow.audit.AuditLog;
import com.leadflow.audit.FieldChange;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleValidator;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import com.leadflow.security.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lead routing and the speed-to-lead SLA: everybody reads the rules, the reps' settings, explanations, the queue
 * and the fairness figures; MARKETING and ADMIN edit rules and SLA settings; ADMIN edits reps and team managers; a
 * rep switches their own "away"; whoever may edit a contact reassigns it (with a reason) or routes it again.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class RoutingService {

    public static final String CAN_EDIT_RULES = "hasAnyRole('ADMIN','MARKETING')";
    public static final int MAX_RULES = 200;
    static final String AUDIT_TYPE = "CONTACT";

    private final RoutingStore store;
    private final Router router;
    private final FieldCatalogProvider catalogs;
    private final CurrentUserProvider currentUser;
    private final JdbcTemplate jdbc;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RoutingService(RoutingStore store, Router router, FieldCatalogProvider catalogs, CurrentUserProvider currentUser,
                   JdbcTemplate jdbc, AuditLog auditLog, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.router = router;
        this.catalogs = catalogs;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.events = events;
        this.clock = clock;
    }

    // ---- settings and rules ----

    @Transactional(readOnly = true)
    public RoutingSettings settings() {
        return store.settings();
    }

    public boolean canEditRules() {
        Role role = currentUser.require().role();
        return role == Role.ADMIN || role == Role.MARKETING;
    }

    public boolean canEditReps() {
        return currentUser.require().role() == Role.ADMIN;
    }

    @PreAuthorize(CAN_EDIT_RULES)
    @Transactional
    public RoutingSettings saveSettings(RoutingSettings s) {
        if (s.zone() == null || s.businessStart() == null || s.businessEnd() == null
                || !s.businessStart().isBefore(s.businessEnd()) || s.businessDays().isEmpty()) {
            throw new ValidationFailedException("routing.invalid.businessHours");
        }
        for (int minutes : new int[]{s.hotMinutes(), s.warmMinutes(), s.coldMinutes()}) {
            requireSlaMinutes(minutes);
        }
        if (s.nearBreachPercent() < 1 || s.nearBreachPercent() > 90) {
            throw new ValidationFailedException("routing.invalid.nearBreach");
        }
        if (!store.saveSettings(s)) {
            throw new ValidationFailedException("routing.conflict");
        }
        return store.settings();
    }

    @Transactional(readOnly = true)
    public List<RoutingRule> rules() {
        return store.rules();
    }

    /** Validates and saves a rule (new when its id is null); returns it as stored. */
    @PreAuthorize(CAN_EDIT_RULES)
    @Transactional
    public RoutingRule saveRule(RoutingRule rule) {
        Instant now = clock.instant();
        if (rule.name() == null || rule.name().isBlank() || rule.name().trim().length() > 120) {
            throw new ValidationFailedException("routing.invalid.name");
        }
        if (rule.condition() != null) {
            new RuleValidator(catalogs.current()).requireValid(rule.condition());
        }
        if ((rule.arrivalFrom() == null) != (rule.arrivalTo() == null)
                || (rule.arrivalFrom() != null && rule.arrivalFrom().equals(rule.arrivalTo()))) {
            throw new ValidationFailedException("routing.invalid.arrivalWindow");
        }
        if (rule.landingPageContains() != null && rule.landingPageContains().trim().length() > 200) {
            throw new ValidationFailedException("routing.invalid.landingPage");
        }
        if (rule.targetTeamId() != null && rule.targetUserId() != null) {
            throw new ValidationFailedException("routing.invalid.twoTargets");
        }
        if (rule.targetTeamId() != null && !exists("SELECT EXISTS (SELECT 1 FROM team WHERE id = ?)", rule.targetTeamId())) {
            throw new ValidationFailedException("routing.invalid.team");
        }
        if (rule.targetUserId() != null && !isRep(rule.targetUserId())) {
            throw new ValidationFailedException("routing.invalid.rep");
        }
        if (rule.slaMinutes() != null) {
            requireSlaMinutes(rule.slaMinutes());
        }
        RoutingRule clean = new RoutingRule(rule.id(), rule.name().trim(), rule.enabled(), rule.isDefault(),
                rule.condition(), rule.arrivalDays(), rule.arrivalFrom(), rule.arrivalTo(),
                rule.landingPageContains(), rule.targetTeamId(), rule.targetUserId(), rule.slaMinutes(),
                rule.rerouteOnBreach(), rule.version());
        if (rule.id() == null) {
            Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM routing_rule", Integer.class);
            if (count != null && count >= MAX_RULES) {
                throw new ValidationFailedException("routing.invalid.tooManyRules", MAX_RULES);
            }
            long id = store.insertRule(clean, now);
            return store.rule(id).orElseThrow();
        }
        RoutingRule stored = store.rule(rule.id()).orElseThrow(() -> new ValidationFailedException("routing.conflict"));
        if (stored.isDefault() != rule.isDefault() || !store.updateRule(clean, now)) {
            throw new ValidationFailedException("routing.conflict");
        }
        return store.rule(rule.id()).orElseThrow();
    }

    @PreAuthorize(CAN_EDIT_RULES)
    @Transactional
    public void deleteRule(long id) {
        RoutingRule rule = store.rule(id).orElseThrow(() -> new ValidationFailedException("routing.conflict"));
        if (rule.isDefault()) {
            throw new ValidationFailedException("routing.invalid.deleteDefault");
        }
        store.deleteRule(id);
    }

    /** Moves a rule one place up (-1) or down (+1) among the ordinary rules; the default stays last. */
    @PreAuthorize(CAN_EDIT_RULES)
    @Transactional
    public void moveRule(long id, int direction) {
        List<Long> ids = new ArrayList<>(store.rules().stream().filter(r -> !r.isDefault()).map(RoutingRule::id).toList());
        int at = ids.indexOf(id);
        int to = at + Integer.signum(direction);
        if (at < 0 || to < 0 || to >= ids.size()) {
            return;
        }
        ids.set(at, ids.get(to));
        ids.set(to, id);
        store.reorder(ids);
    }

    // ---- reps and teams ----

    @Transactional(readOnly = true)
    public List<RepSettings> reps() {
        return store.reps();
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    @Transactional
    public RepSettings saveRep(RepSettings rep) {
        if (rep.weight() < 0 || rep.weight() > RepSettings.MAX_WEIGHT) {
            throw new ValidationFailedException("routing.invalid.weight", RepSettings.MAX_WEIGHT);
        }
        if (rep.capacity() != null && (rep.capacity() < 0 || rep.capacity() > 100_000)) {
            throw new ValidationFailedException("routing.invalid.capacity");
        }
        if ((rep.workStart() == null) != (rep.workEnd() == null)
                || (rep.workStart() != null && !rep.workStart().isBefore(rep.workEnd()))) {
            throw new ValidationFailedException("routing.invalid.workHours");
        }
        if (!isRep(rep.userId())) {
            throw new ValidationFailedException("routing.invalid.rep");
        }
        if (!store.saveRep(rep)) {
            throw new ValidationFailedException("routing.conflict");
        }
        return store.rep(rep.userId()).orElseThrow();
    }

    /** A rep's own away switch (ADMIN may set anybody's through {@link #saveRep}). */
    @PreAuthorize("hasRole('SALES')")
    @Transactional
    public void setMyAway(boolean away) {
        store.setAway(currentUser.require().id(), away);
    }

    @Transactional(readOnly = true)
    public Optional<RepSettings> myRepSettings() {
        return store.rep(currentUser.require().id());
    }

    @Transactional(readOnly = true)
    public List<TeamManager> teamManagers() {
        return jdbc.query("""
                SELECT t.id, t.name, m.id AS manager_id, m.display_name
                FROM team t LEFT JOIN routing_team rt ON rt.team_id = t.id LEFT JOIN app_user m ON m.id = rt.manager_user_id
                ORDER BY t.name""", (rs, i) -> new TeamManager(rs.getLong("id"), rs.getString("name"),
                rs.getObject("manager_id", Long.class), rs.getString("display_name")));
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    @Transactional
    public void setTeamManager(long teamId, Long managerUserId) {
        if (!exists("SELECT EXISTS (SELECT 1 FROM team WHERE id = ?)", teamId)) {
            throw new ValidationFailedException("routing.invalid.team");
        }
        if (managerUserId != null
                && !exists("SELECT EXISTS (SELECT 1 FROM app_user WHERE id = ? AND enabled)", managerUserId)) {
            throw new ValidationFailedException("routing.invalid.manager");
        }
        store.setManager(teamId, managerUserId);
    }

    // ---- one contact ----

    /** Applies the rules to the contact again now (for any owner it has), as the current user. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public Router.Decision routeAgain(long contactId) {
        requireMayEdit(contactId);
        List<Router.Decision> decisions = router.route(List.of(contactId), RoutingCause.ROUTE_AGAIN, null);
        return decisions.getFirst();
    }

    /** Gives the contact to a rep chosen by hand; the reason is required and shown in the explanation. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    @Transactional
    public Router.Decision reassign(long contactId, long ownerId, String reason) {
        Long previous = requireMayEdit(contactId);
        if (reason == null || reason.isBlank() || reason.trim().length() > 500) {
            throw new ValidationFailedException("routing.invalid.reason");
        }
        if (!isRep(ownerId)) {
            throw new ValidationFailedException("routing.invalid.rep");
        }
        if (Long.valueOf(ownerId).equals(previous)) {
            throw new ValidationFailedException("routing.invalid.sameOwner");
        }
        Router.Decision decision = router.assignManually(contactId, ownerId, reason.trim());
        auditLog.record(AUDIT_TYPE, contactId, "UPDATE", List.of(
                new FieldChange("ownerId", previous == null ? null : previous.toString(), String.valueOf(ownerId))));
        return decision;
    }

    /** Whether the current user may reassign or re-route this contact (the profile offers the actions only then). */
    @Transactional(readOnly = true)
    public boolean canReassign(long contactId) {
        try {
            requireMayEdit(contactId);
            return true;
        } catch (AccessDeniedException | ValidationFailedException e) {
            return false;
        }
    }

    @Transactional(readOnly = true)
    public Optional<Assignment> latestAssignment(long contactId) {
        return history(contactId, 1).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<Assignment> history(long contactId, int limit) {
        return jdbc.query(ASSIGNMENT_SQL + " WHERE a.contact_id = ? ORDER BY a.decided_at DESC, a.id DESC LIMIT ?",
                ASSIGNMENT, contactId, Math.min(Math.max(limit, 1), 100));
    }

    /** The contact's latest SLA clock (running or not), if routing ever started one. */
    @Transactional(readOnly = true)
    public Optional<SlaClock> latestClock(long contactId) {
        return jdbc.query("""
                SELECT id, contact_id, owner_id, team_id, started_at, due_at, target_minutes, stopped_at, breached_at,
                       cancelled_at
                FROM sla_clock WHERE contact_id = ? ORDER BY started_at DESC, id DESC LIMIT 1""", (rs, i) ->
                new SlaClock(rs.getLong("id"), rs.getLong("contact_id"), rs.getObject("owner_id", Long.class),
                        rs.getObject("team_id", Long.class), Db.read(rs, "started_at"), Db.read(rs, "due_at"),
                        rs.getInt("target_minutes"), Db.read(rs, "stopped_at"), Db.read(rs, "breached_at"),
                        Db.read(rs, "cancelled_at")), contactId).stream().findFirst();
    }

    // ---- queue and fairness ----

    @Transactional(readOnly = true)
    public int queueSize() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) " + QUEUE_FROM, Integer.class);
        return n == null ? 0 : n;
    }

    @Transactional(readOnly = true)
    public List<QueuedLead> queue(int offset, int limit) {
        return jdbc.query("""
                SELECT c.id, CONCAT(c.first_name, ' ', c.last_name) AS name, c.company, c.temperature, a.decided_at,
                       t.name AS team_name, a.rule_name, a.explanation_json
                """ + QUEUE_FROM + " ORDER BY a.decided_at, a.id LIMIT ? OFFSET ?", (rs, i) -> new QueuedLead(
                rs.getLong("id"), rs.getString("name"), rs.getString("company"), rs.getString("temperature"),
                Db.read(rs, "decided_at"), rs.getString("team_name"), rs.getString("rule_name"),
                ExplanationLine.fromJson(rs.getString("explanation_json"))), Math.min(Math.max(limit, 1), 500),
                Math.max(offset, 0));
    }

    private static final String QUEUE_FROM = """
            FROM routing_assignment a JOIN contact c ON c.id = a.contact_id LEFT JOIN team t ON t.id = c.team_id
            WHERE a.latest AND a.outcome = 'QUEUED' AND c.owner_id IS NULL""";

    /** Per rep, what routing gave them in [from, to) against their weight, and how fast they reached their leads. */
    @Transactional(readOnly = true)
    public List<FairnessRow> fairness(Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new ValidationFailedException("routing.invalid.period");
        }
        Map<Long, long[]> assigned = new HashMap<>();
        jdbc.query("""
                SELECT owner_id, SUM(cause <> 'MANUAL'), SUM(cause = 'MANUAL') FROM routing_assignment
                WHERE outcome = 'ASSIGNED' AND decided_at >= ? AND decided_at < ? GROUP BY owner_id""",
                rs -> { assigned.put(rs.getLong(1), new long[]{rs.getLong(2), rs.getLong(3)}); },
                Db.utc(from), Db.utc(to));
        Map<Long, Object[]> sla = new HashMap<>();
        jdbc.query("""
                SELECT owner_id, COUNT(*), SUM(stopped_at IS NOT NULL AND stopped_at <= due_at),
                       SUM(breached_at IS NOT NULL), AVG(TIMESTAMPDIFF(SECOND, started_at, stopped_at)) / 60
                FROM sla_clock WHERE started_at >= ? AND started_at < ? AND owner_id IS NOT NULL GROUP BY owner_id""",
                rs -> { sla.put(rs.getLong(1), new Object[]{rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5) == null ? null : rs.getDouble(5)}); }, Db.utc(from), Db.utc(to));
        Map<Long, Long> open = new HashMap<>();
        jdbc.query("""
                SELECT c.owner_id, COUNT(*) FROM contact c JOIN app_user u ON u.id = c.owner_id
                WHERE u.role = 'SALES' AND u.enabled AND c.status = 'OPEN' GROUP BY c.owner_id""",
                rs -> { open.put(rs.getLong(1), rs.getLong(2)); });
        List<RepSettings> reps = store.reps();
        Map<Long, Long> teamRouted = new HashMap<>();
        Map<Long, Long> teamWeight = new HashMap<>();
        for (RepSettings rep : reps) {
            long key = rep.teamId() == null ? -1 : rep.teamId();
            teamRouted.merge(key, assigned.getOrDefault(rep.userId(), new long[2])[0], Long::sum);
            teamWeight.merge(key, (long) (rep.away() ? 0 : rep.weight()), Long::sum);
        }
        List<FairnessRow> rows = new ArrayList<>();
        for (RepSettings rep : reps) {
            long key = rep.teamId() == null ? -1 : rep.teamId();
            long[] counts = assigned.getOrDefault(rep.userId(), new long[2]);
            Object[] s = sla.getOrDefault(rep.userId(), new Object[]{0L, 0L, 0L, null});
            long routedInTeam = teamRouted.get(key);
            long weightInTeam = teamWeight.get(key);
            rows.add(new FairnessRow(rep.userId(), rep.displayName(), rep.teamName(), rep.weight(), rep.capacity(),
                    rep.away(), counts[0], counts[1], routedInTeam == 0 ? 0 : (double) counts[0] / routedInTeam,
                    weightInTeam == 0 || rep.away() ? 0 : (double) rep.weight() / weightInTeam,
                    open.getOrDefault(rep.userId(), 0L), (Long) s[0], (Long) s[1], (Long) s[2], (Double) s[3]));
        }
        return rows;
    }

    // ---- helpers ----

    /** Returns the contact's owner; refuses what the current user may not edit (the same rule as contact edits). */
    private Long requireMayEdit(long contactId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT owner_id, team_id FROM contact WHERE id = ?",
                contactId);
        if (rows.isEmpty()) {
            throw new ValidationFailedException("contact.notFound");
        }
        Long owner = rows.getFirst().get("owner_id") == null ? null : ((Number) rows.getFirst().get("owner_id")).longValue();
        Long team = rows.getFirst().get("team_id") == null ? null : ((Number) rows.getFirst().get("team_id")).longValue();
        CurrentUser user = currentUser.require();
        boolean may = switch (user.role()) {
            case ADMIN, MARKETING -> true;
            case SALES -> (owner != null && owner == user.id()) || (user.teamId() != null && user.teamId().equals(team));
            case EXECUTIVE -> false;
        };
        if (!may) {
            throw new AccessDeniedException("You may not reassign contact " + contactId);
        }
        return owner;
    }

    private boolean isRep(long userId) {
        return exists("SELECT EXISTS (SELECT 1 FROM app_user WHERE id = ? AND role = 'SALES' AND enabled)", userId);
    }

    private boolean exists(String sql, Object param) {
        return Boolean.TRUE.equals(jdbc.queryForObject(sql, Boolean.class, param));
    }

    private static void requireSlaMinutes(int minutes) {
        if (minutes < 1 || minutes > RoutingSettings.MAX_SLA_MINUTES) {
            throw new ValidationFailedException("routing.invalid.slaMinutes", RoutingSettings.MAX_SLA_MINUTES);
        }
    }

    private static final String ASSIGNMENT_SQL = """
            SELECT a.id, a.contact_id, a.decided_at, a.cause, a.outcome, a.rule_name, a.team_id, t.name AS team_name,
                   a.owner_id, o.display_name AS owner_name, p.display_name AS previous_name, a.explanation_json,
                   a.reason, b.display_name AS decided_by
            FROM routing_assignment a
            LEFT JOIN team t ON t.id = a.team_id
            LEFT JOIN app_user o ON o.id = a.owner_id
            LEFT JOIN app_user p ON p.id = a.previous_owner_id
            LEFT JOIN app_user b ON b.id = a.decided_by_user_id""";

    private static final RowMapper<Assignment> ASSIGNMENT = (rs, i) -> new Assignment(rs.getLong("id"),
            rs.getLong("contact_id"), Db.read(rs, "decided_at"), RoutingCause.valueOf(rs.getString("cause")),
            RoutingOutcome.valueOf(rs.getString("outcome")), rs.getString("rule_name"),
            rs.getObject("team_id", Long.class), rs.getString("team_name"), rs.getObject("owner_id", Long.class),
            rs.getString("owner_name"), rs.getString("previous_name"),
            ExplanationLine.fromJson(rs.getString("explanation_json")), rs.getString("reason"),
            rs.getString("decided_by"));
}
