package com.leadflow.routing;

import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.contact.Temperature;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleSqlCompiler;
import com.leadflow.rules.RuleValidationException;
import com.leadflow.rules.SqlPredicate;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.timeline.ActivityRecordedEvent;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.AuthorKind;
import com.leadflow.timeline.ContactReevaluationQueue;
import com.leadflow.timeline.TimelineService;
import com.vaadin.flow.i18n.I18NProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Routes a batch of contacts: the first matching rule (tried set-based, one query per rule for the whole batch)
 * names a team or a rep; within a team a smooth weighted round-robin picks the rep among those available (not away,
 * within working hours, under capacity, weight above 0). Every decision is stored with its explanation, written to
 * the timeline and starts the SLA clock; a lead nobody can take goes to the unassigned queue.
 *
 * <p>Smooth weighted round-robin: each available rep's credit grows by their weight, the rep with the most credit is
 * picked and pays the total weight of the available reps. Shares follow the weights exactly; a rep who is away or
 * full earns no credit meanwhile, so coming back does not bring a flood, and a new rep starts at zero, so they
 * are neither starved nor flooded. Ties go to whoever waited longest, then to a hash of lead and rep — never to the
 * older account.
 */
@Component
public class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private static final int CHUNK = 1000;
    static final int LIVE_CHANGE_LIMIT = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final RoutingStore store;
    private final FieldCatalogProvider catalogs;
    private final TimelineService timeline;
    private final CurrentUserProvider currentUser;
    private final ApplicationEventPublisher events;
    private final I18NProvider i18n;
    private final ContactReevaluationQueue reevaluation;
    private final Clock clock;

    Router(JdbcTemplate jdbc, RoutingStore store, FieldCatalogProvider catalogs, TimelineService timeline,
           CurrentUserProvider currentUser, ApplicationEventPublisher events, I18NProvider i18n,
           ContactReevaluationQueue reevaluation, Clock clock) {
        this.reevaluation = reevaluation;
        this.jdbc = jdbc;
        this.store = store;
        this.catalogs = catalogs;
        this.timeline = timeline;
        this.currentUser = currentUser;
        this.events = events;
        this.i18n = i18n;
        this.clock = clock;
    }

    /** One routing decision, as stored and explained. */
    public record Decision(long contactId, RoutingOutcome outcome, Long ruleId, String ruleName, Long teamId,
                           Long ownerId, Long previousOwnerId, List<ExplanationLine> explanation, Instant slaDueAt,
                           boolean written) {
    }

    /** What routing needs to know of a contact. */
    private record Candidate(long id, Long ownerId, Long teamId, String firstTouchContext, Temperature temperature) {
    }

    /** A rule's verdict for one candidate before a rep is picked. */
    private record Match(Candidate contact, RoutingRule rule, Long presetTeamId) {
    }

    /**
     * Routes the contacts for the given cause and writes the outcome. New contacts that already have an owner are
     * left alone; {@code excludedOwnerId} (may be null) is never picked (a re-route after an SLA breach).
     * Decisions for leads that stay where they are (a queued lead still queued, a rep's lead nobody else can take)
     * are returned but not written.
     */
    @Transactional
    public List<Decision> route(Collection<Long> contactIds, RoutingCause cause, Long excludedOwnerId) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        Steps steps = new Steps();
        RoutingSettings settings = lockRouting();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Candidate> candidates = load(contactIds, cause);
        steps.done("load");
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Match> matches = match(candidates, cause, settings, now);
        steps.done("rules");
        Map<Long, RepState> reps = lockReps(matches);
        Map<Long, String> teamNames = teamNames();
        steps.done("reps");
        List<Decision> decisions = new ArrayList<>();
        for (Match match : matches) {
            decisions.add(decide(match, reps, teamNames, settings, excludedOwnerId, cause, now));
        }
        steps.done("decide");
        write(decisions, cause, reps, now, null, steps);
        if (decisions.size() > LIVE_CHANGE_LIMIT) {
            log.info("Routed {} contacts ({}) in {}", decisions.size(), cause, steps);
        }
        return decisions;
    }

    /**
     * One routing decides at a time (the routing settings row is the lock, held until commit): the round-robin credits
     * stay exact and a new lead announced twice (by its creation and again by the background re-evaluation) is routed
     * once. Taken first, so what the routing reads next already includes every earlier routing.
     */
    private RoutingSettings lockRouting() {
        jdbc.queryForObject("SELECT id FROM routing_settings WHERE id = 1 FOR UPDATE", Integer.class);
        return store.settings();
    }

    /** Assigns one contact to a rep chosen by a person, with their reason; starts a new SLA clock if one was running. */
    @Transactional
    public Decision assignManually(long contactId, long ownerId, String reason) {
        lockRouting();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Candidate contact = load(List.of(contactId), RoutingCause.MANUAL).getFirst();
        RepState rep = repStates("u.id = ?", List.of(ownerId)).get(ownerId);
        CurrentUser by = currentUser.require();
        List<ExplanationLine> lines = List.of(ExplanationLine.of("routing.why.manual", by.displayName(), rep.name,
                reason));
        boolean clockRunning = Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM sla_clock WHERE contact_id = ? AND stopped_at IS NULL
                               AND cancelled_at IS NULL)""", Boolean.class, contactId));
        RoutingSettings settings = store.settings();
        Instant due = clockRunning ? rep.hours(settings).plusWorkingMinutes(now,
                settings.slaMinutes(contact.temperature())) : null;
        Decision decision = new Decision(contactId, RoutingOutcome.ASSIGNED, null, null, rep.teamId, ownerId,
                contact.ownerId(), lines, due, true);
        write(List.of(decision), RoutingCause.MANUAL, Map.of(), now, reason, new Steps());
        return decision;
    }

    private List<Candidate> load(Collection<Long> ids, RoutingCause cause) {
        // a new lead is routed once, however often its creation is announced
        String onlyNew = cause == RoutingCause.CREATED
                ? " AND NOT EXISTS (SELECT 1 FROM routing_assignment a WHERE a.contact_id = c.id)" : "";
        List<Candidate> result = new ArrayList<>();
        for (List<Long> chunk : chunks(ids)) {
            result.addAll(jdbc.query("SELECT c.id, c.owner_id, c.team_id, c.first_touch_context, c.temperature "
                            + "FROM contact c WHERE c.id IN (" + marks(chunk.size()) + ")" + onlyNew + " ORDER BY c.id",
                    (rs, i) -> new Candidate(rs.getLong("id"), rs.getObject("owner_id", Long.class),
                            rs.getObject("team_id", Long.class), rs.getString("first_touch_context"),
                            Temperature.valueOf(rs.getString("temperature"))),
                    chunk.toArray()));
        }
        // a new contact created with an owner keeps it; the queue retries only leads still without one
        if (cause == RoutingCause.CREATED || cause == RoutingCause.QUEUE_RETRY) {
            result.removeIf(c -> c.ownerId() != null);
        }
        return result;
    }

    /** First matching rule per contact; a new contact created for a team (no owner) stays in that team. */
    private List<Match> match(List<Candidate> candidates, RoutingCause cause, RoutingSettings settings, Instant now) {
        Map<Long, Candidate> remaining = new LinkedHashMap<>();
        Map<Long, Match> matched = new HashMap<>();
        for (Candidate c : candidates) {
            if (cause == RoutingCause.CREATED && c.teamId() != null) {
                matched.put(c.id(), new Match(c, null, c.teamId()));
            } else {
                remaining.put(c.id(), c);
            }
        }
        FieldCatalog catalog = null;
        for (RoutingRule rule : store.rules()) {
            if (remaining.isEmpty()) {
                break;
            }
            if (!(rule.enabled() || rule.isDefault()) || !rule.arrivalMatches(now, settings.zone())) {
                continue;
            }
            Set<Long> hits;
            if (rule.condition() == null || rule.isDefault()) {
                hits = new HashSet<>(remaining.keySet());
            } else {
                if (catalog == null) {
                    catalog = catalogs.current();
                }
                try {
                    hits = matching(new RuleSqlCompiler(catalog).compile(rule.condition(), now), remaining.keySet());
                } catch (RuleValidationException e) {
                    log.warn("Routing rule {} '{}' cannot be evaluated and is skipped: {}", rule.id(), rule.name(), e);
                    continue;
                }
            }
            for (Long id : hits) {
                Candidate c = remaining.get(id);
                if (c != null && rule.landingPageMatches(c.firstTouchContext())) {
                    matched.put(id, new Match(c, rule, null));
                    remaining.remove(id);
                }
            }
        }
        remaining.values().forEach(c -> matched.put(c.id(), new Match(c, null, null)));
        return candidates.stream().map(c -> matched.get(c.id())).toList();
    }

    private Set<Long> matching(SqlPredicate predicate, Collection<Long> ids) {
        Set<Long> hits = new HashSet<>();
        for (List<Long> chunk : chunks(ids)) {
            List<Object> params = new ArrayList<>(chunk);
            params.addAll(predicate.params());
            hits.addAll(jdbc.queryForList("SELECT c.id FROM contact c WHERE c.id IN (" + marks(chunk.size())
                    + ") AND " + predicate.sql(), Long.class, params.toArray()));
        }
        return hits;
    }

    private Decision decide(Match match, Map<Long, RepState> reps, Map<Long, String> teamNames,
                            RoutingSettings settings, Long excludedOwnerId, RoutingCause cause, Instant now) {
        Candidate contact = match.contact();
        RoutingRule rule = match.rule();
        List<ExplanationLine> lines = new ArrayList<>();
        Long teamId;
        if (match.presetTeamId() != null) {
            teamId = match.presetTeamId();
            lines.add(ExplanationLine.of("routing.why.presetTeam", teamNames.get(teamId)));
        } else if (rule == null) {
            lines.add(ExplanationLine.of("routing.why.noRule"));
            return queued(contact, null, null, lines, cause);
        } else {
            lines.add(rule.isDefault() ? ExplanationLine.of("routing.why.default")
                    : ExplanationLine.of("routing.why.rule", rule.name()));
            teamId = rule.targetTeamId();
            if (rule.targetUserId() != null) {
                RepState rep = reps.get(rule.targetUserId());
                String why = rep == null ? "routing.unavailable.disabled"
                        : Long.valueOf(rep.userId).equals(excludedOwnerId) ? "routing.unavailable.breached"
                        : rep.unavailable(settings, now);
                if (why == null) {
                    rep.take(now, false, 0);
                    lines.add(ExplanationLine.of("routing.why.rep", rep.name));
                    return assigned(contact, rule, rep, lines, settings, now, cause);
                }
                String name = rep == null ? "#" + rule.targetUserId() : rep.name;
                lines.add(ExplanationLine.of("routing.why.repUnavailable", name, "{" + why + "}"));
                teamId = rep == null ? null : rep.teamId;
            }
            if (teamId == null) {
                if (!rule.hasTarget()) {
                    lines.add(ExplanationLine.of("routing.why.queueTarget"));
                }
                return queued(contact, rule, null, lines, cause);
            }
        }
        final Long team = teamId;
        // other roles in the team (a marketer, a manager) are not part of its round-robin
        List<RepState> members = reps.values().stream().filter(r -> team.equals(r.teamId) && r.active)
                .sorted(Comparator.comparingLong(r -> r.userId)).toList();
        List<RepState> available = new ArrayList<>();
        for (RepState rep : members) {
            String why = Long.valueOf(rep.userId).equals(excludedOwnerId) ? "routing.unavailable.breached"
                    : rep.unavailable(settings, now);
            if (why == null) {
                available.add(rep);
            } else {
                lines.add(ExplanationLine.of("routing.why.skipped", rep.name, "{" + why + "}"));
            }
        }
        if (available.isEmpty()) {
            lines.add(ExplanationLine.of("routing.why.noneAvailable", teamNames.get(team)));
            return queued(contact, rule, team, lines, cause);
        }
        long totalWeight = available.stream().mapToLong(r -> r.weight).sum();
        for (RepState rep : available) {
            rep.credit += rep.weight;
        }
        RepState picked = Collections.max(available, Comparator.<RepState>comparingLong(r -> r.credit)
                .thenComparing(r -> r.lastAssignedAt == null ? Instant.MIN : r.lastAssignedAt,
                        Comparator.reverseOrder())
                .thenComparingLong(r -> mix(contact.id(), r.userId)));
        int openBefore = picked.open;
        picked.take(now, true, totalWeight);
        lines.add(ExplanationLine.of("routing.why.pick", picked.name, teamNames.get(team), picked.weight, totalWeight,
                available.size()));
        if (picked.capacity != null) {
            lines.add(ExplanationLine.of("routing.why.load", picked.name, openBefore, picked.capacity));
        }
        return assigned(contact, rule, picked, lines, settings, now, cause);
    }

    private static long mix(long contactId, long userId) {
        long h = contactId * 0x9E3779B97F4A7C15L ^ userId * 0xC2B2AE3D27D4EB4FL;
        return h ^ (h >>> 31);
    }

    private Decision assigned(Candidate contact, RoutingRule rule, RepState rep, List<ExplanationLine> lines,
                              RoutingSettings settings, Instant now, RoutingCause cause) {
        int minutes = rule != null && rule.slaMinutes() != null ? rule.slaMinutes()
                : settings.slaMinutes(contact.temperature());
        Instant due = rep.due(settings, now, minutes);
        lines.add(ExplanationLine.of("routing.why.sla", minutes));
        return new Decision(contact.id(), RoutingOutcome.ASSIGNED, rule == null ? null : rule.id(),
                rule == null ? null : rule.name(), rep.teamId, rep.userId, contact.ownerId(), lines, due, true);
    }

    /** Only a lead without an owner joins the queue; one already queued is not queued again. */
    private static Decision queued(Candidate contact, RoutingRule rule, Long teamId, List<ExplanationLine> lines,
                                   RoutingCause cause) {
        boolean written = contact.ownerId() == null && cause != RoutingCause.QUEUE_RETRY;
        if (contact.ownerId() != null) {
            lines.add(ExplanationLine.of("routing.why.kept"));
        }
        return new Decision(contact.id(), RoutingOutcome.QUEUED, rule == null ? null : rule.id(),
                rule == null ? null : rule.name(), teamId != null ? teamId : contact.teamId(), contact.ownerId(),
                contact.ownerId(), lines, null, written);
    }

    /** Locks the round-robin state of every rep the matched rules may pick, so concurrent routings stay fair. */
    private Map<Long, RepState> lockReps(List<Match> matches) {
        Set<Long> teams = new HashSet<>();
        Set<Long> users = new HashSet<>();
        for (Match m : matches) {
            if (m.presetTeamId() != null) {
                teams.add(m.presetTeamId());
            }
            if (m.rule() != null && m.rule().targetTeamId() != null) {
                teams.add(m.rule().targetTeamId());
            }
            if (m.rule() != null && m.rule().targetUserId() != null) {
                users.add(m.rule().targetUserId());
            }
        }
        if (!users.isEmpty()) {
            // a rep's own team is the fallback when they cannot take the lead
            teams.addAll(jdbc.queryForList("SELECT team_id FROM app_user WHERE team_id IS NOT NULL AND id IN ("
                    + marks(users.size()) + ")", Long.class, users.toArray()));
        }
        if (teams.isEmpty() && users.isEmpty()) {
            return Map.of();
        }
        List<Object> params = new ArrayList<>(teams);
        params.addAll(users);
        String where = "(u.team_id IN (" + (teams.isEmpty() ? "NULL" : marks(teams.size())) + ") OR u.id IN ("
                + (users.isEmpty() ? "NULL" : marks(users.size())) + "))";
        jdbc.update("INSERT IGNORE INTO routing_rep (user_id) SELECT u.id FROM app_user u WHERE u.role = 'SALES' AND "
                + where, params.toArray());
        Map<Long, RepState> reps = repStates(where, params);
        // the credits come from the locking read, which sees the latest commit even when this transaction read
        // before (a re-route from the SLA job): a stale credit written back would undo another routing's picks
        jdbc.query("SELECT r.user_id, r.rr_credit, r.last_assigned_at FROM routing_rep r JOIN app_user u "
                + "ON u.id = r.user_id WHERE " + where + " ORDER BY r.user_id FOR UPDATE", rs -> {
            RepState rep = reps.get(rs.getLong(1));
            if (rep != null) {
                rep.credit = rs.getLong(2);
                rep.lastAssignedAt = Db.read(rs, "last_assigned_at");
            }
        }, params.toArray());
        return reps;
    }

    private Map<Long, RepState> repStates(String where, List<?> params) {
        Map<Long, RepState> reps = new LinkedHashMap<>();
        jdbc.query("""
                SELECT u.id, u.display_name, u.team_id, u.enabled, u.role, COALESCE(r.weight, 1) AS weight, r.capacity,
                       COALESCE(r.away, FALSE) AS away, r.work_start, r.work_end, r.work_days, r.time_zone,
                       COALESCE(r.rr_credit, 0) AS rr_credit, r.last_assigned_at
                FROM app_user u LEFT JOIN routing_rep r ON r.user_id = u.id WHERE""" + " " + where, rs -> {
            RepState rep = new RepState();
            rep.userId = rs.getLong("id");
            rep.name = rs.getString("display_name");
            rep.teamId = rs.getObject("team_id", Long.class);
            rep.active = rs.getBoolean("enabled") && "SALES".equals(rs.getString("role"));
            rep.weight = rs.getInt("weight");
            rep.capacity = rs.getObject("capacity", Integer.class);
            rep.away = rs.getBoolean("away");
            rep.workStart = RoutingStore.time(rs, "work_start");
            rep.workEnd = RoutingStore.time(rs, "work_end");
            rep.workDays = rs.getString("work_days");
            rep.zone = rs.getString("time_zone");
            rep.credit = rs.getLong("rr_credit");
            rep.lastAssignedAt = Db.read(rs, "last_assigned_at");
            reps.put(rep.userId, rep);
        }, params.toArray());
        // open leads are counted only for reps with a capacity: the count is the one costly query here
        List<Long> limited = reps.values().stream().filter(r -> r.capacity != null).map(r -> r.userId).toList();
        if (!limited.isEmpty()) {
            jdbc.query("SELECT owner_id, COUNT(*) FROM contact WHERE status = 'OPEN' AND owner_id IN ("
                    + marks(limited.size()) + ") GROUP BY owner_id",
                    rs -> { reps.get(rs.getLong(1)).open = rs.getInt(2); }, limited.toArray());
        }
        return reps;
    }

    private Map<Long, String> teamNames() {
        Map<Long, String> names = new HashMap<>();
        jdbc.query("SELECT id, name FROM team", rs -> { names.put(rs.getLong(1), rs.getString(2)); });
        return names;
    }

    /**
     * Stores the decisions, moves the owners, restarts the SLA clocks and tells the timeline and open screens.
     */
    private void write(List<Decision> all, RoutingCause cause, Map<Long, RepState> reps, Instant now, String reason,
                       Steps steps) {
        List<Decision> decisions = all.stream().filter(Decision::written).toList();
        if (decisions.isEmpty()) {
            return;
        }
        var at = Db.utc(now);
        Long by = currentUser.find().map(CurrentUser::id).orElse(null);
        // a lead routed for the first time (CREATED only takes leads never routed) has no earlier decision or clock
        boolean firstRouting = cause == RoutingCause.CREATED;
        if (!firstRouting) {
            for (List<Long> chunk : chunks(decisions.stream().map(Decision::contactId).toList())) {
                jdbc.update("UPDATE routing_assignment SET latest = FALSE WHERE latest AND contact_id IN ("
                        + marks(chunk.size()) + ")", chunk.toArray());
            }
        }
        steps.done("notLatest");
        jdbc.batchUpdate("""
                INSERT INTO routing_assignment (contact_id, decided_at, cause, outcome, rule_id, rule_name, team_id,
                       owner_id, previous_owner_id, explanation_json, reason, decided_by_user_id, latest, sla_due_at,
                       sla_minutes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)""", decisions.stream().map(d -> new Object[]{
                d.contactId(), at, cause.name(), d.outcome().name(), d.ruleId(), d.ruleName(), d.teamId(),
                d.outcome() == RoutingOutcome.ASSIGNED ? d.ownerId() : null, d.previousOwnerId(),
                ExplanationLine.toJson(d.explanation()), reason, by, Db.utc(d.slaDueAt()),
                d.slaDueAt() == null ? null : slaMinutes(d)}).toList());
        steps.done("decisions");

        List<Decision> assigned = decisions.stream().filter(d -> d.outcome() == RoutingOutcome.ASSIGNED).toList();
        if (!firstRouting) {
            // a new owner means a new clock: the previous one ends unanswered (the dashboard still sees a breach)
            for (List<Long> chunk : chunks(assigned.stream().map(Decision::contactId).toList())) {
                List<Object> params = new ArrayList<>();
                params.add(at);
                params.addAll(chunk);
                jdbc.update("UPDATE sla_clock SET cancelled_at = ? WHERE stopped_at IS NULL AND cancelled_at IS NULL "
                        + "AND contact_id IN (" + marks(chunk.size()) + ")", params.toArray());
            }
        }
        steps.done("cancelClocks");
        // one bulk statement each (the driver sends all rows at once): owners by primary key, then the new clocks
        jdbc.batchUpdate("UPDATE contact SET owner_id = ?, team_id = ?, sla_due_at = ?, updated_at = ?, "
                + "version = version + 1 WHERE id = ?", assigned.stream().map(d -> new Object[]{
                d.ownerId(), d.teamId(), Db.utc(d.slaDueAt()), at, d.contactId()}).toList());
        steps.done("owners");
        jdbc.batchUpdate("""
                INSERT INTO sla_clock (contact_id, owner_id, team_id, started_at, due_at, target_minutes, rule_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", assigned.stream().filter(d -> d.slaDueAt() != null)
                .map(d -> new Object[]{d.contactId(), d.ownerId(), d.teamId(), at, Db.utc(d.slaDueAt()),
                        slaMinutes(d), d.ruleId()}).toList());
        steps.done("clocks");
        // queued for a team: the team sees the lead in its list meanwhile
        jdbc.batchUpdate("UPDATE contact SET team_id = ?, updated_at = ?, version = version + 1 WHERE id = ? "
                        + "AND owner_id IS NULL AND NOT (team_id <=> ?)",
                decisions.stream().filter(d -> d.outcome() == RoutingOutcome.QUEUED && d.teamId() != null)
                        .map(d -> new Object[]{d.teamId(), at, d.contactId(), d.teamId()}).toList());

        List<RepState> moved = reps.values().stream().filter(r -> r.changed).toList();
        jdbc.batchUpdate("UPDATE routing_rep SET rr_credit = ?, last_assigned_at = ? WHERE user_id = ?",
                moved.stream().map(r -> new Object[]{r.credit,
                        r.lastAssignedAt == null ? null : Db.utc(r.lastAssignedAt), r.userId}).toList());
        steps.done("queuedAndReps");

        // a small batch also counts as a contact change (segments and scores on owner or team follow at once) and goes
        // through the timeline service entry by entry; an import-sized batch writes its entries as one batch and
        // hands its contacts to the background re-evaluation after the commit (segments and scores on owner or team
        // follow behind, once per contact: an import's new contacts waiting there anyway are not evaluated twice)
        boolean small = decisions.size() <= LIVE_CHANGE_LIMIT;
        // the English summaries repeat (same rule, same reps): each distinct sentence is formatted once
        Map<ExplanationLine, String> english = new HashMap<>();
        Map<Long, String> summaries = new HashMap<>();
        for (Decision d : decisions) {
            summaries.put(d.contactId(), shorten(String.join("; ", d.explanation().stream()
                    .map(line -> english.computeIfAbsent(line,
                            l -> l.format((key, params) -> i18n.getTranslation(key, Locale.ENGLISH, params))))
                    .toList())));
        }
        steps.done("summaries");
        if (small) {
            for (Decision d : decisions) {
                events.publishEvent(new ContactChangedEvent(d.contactId(), ContactChangedEvent.Kind.UPDATED));
                timeline.recordChange(d.contactId(), ActivityType.LEAD_ROUTED, summaries.get(d.contactId()),
                        payload(d, cause, reason));
            }
        } else {
            recordInBulk(decisions, summaries, cause, reason, now, steps);
            reevaluation.afterCommit(decisions.stream().map(Decision::contactId).toList());
        }
        for (Decision d : decisions) {
            events.publishEvent(new ContactRoutedEvent(d.contactId(), d.outcome(),
                    d.outcome() == RoutingOutcome.ASSIGNED ? d.ownerId() : null, d.teamId()));
        }
        steps.done("routedEvents");
    }

    /**
     * The timeline entries of a big batch in one statement, as the timeline's own bulk import does, each announced
     * with its {@link ActivityRecordedEvent} like any other entry.
     */
    private void recordInBulk(List<Decision> decisions, Map<Long, String> summaries, RoutingCause cause, String reason,
                              Instant now, Steps steps) {
        Optional<CurrentUser> user = currentUser.find();
        AuthorKind author = user.isPresent() ? AuthorKind.USER : AuthorKind.SYSTEM;
        Long authorId = user.map(CurrentUser::id).orElse(null);
        var at = Db.utc(now);
        // the new entries are found again by id (an index-free range scan) rather than by contact
        long before = Optional.ofNullable(jdbc.queryForObject("SELECT MAX(id) FROM activity", Long.class)).orElse(0L);
        jdbc.batchUpdate("""
                INSERT INTO activity (contact_id, type, occurred_at, author_kind, author_user_id, author_label, summary,
                                      payload, created_at)
                VALUES (?, 'LEAD_ROUTED', ?, ?, ?, ?, ?, ?, ?)""", decisions.stream().map(d -> new Object[]{
                d.contactId(), at, author.name(), authorId, user.map(CurrentUser::displayName).orElse(null),
                summaries.get(d.contactId()), payload(d, cause, reason), at}).toList());
        steps.done("timeline");
        Set<Long> routed = decisions.stream().map(Decision::contactId).collect(Collectors.toSet());
        jdbc.query("SELECT id, contact_id FROM activity WHERE id > ? AND type = 'LEAD_ROUTED' AND occurred_at = ? "
                + "ORDER BY id", rs -> {
            long contactId = rs.getLong(2);
            if (routed.contains(contactId)) {
                events.publishEvent(new ActivityRecordedEvent(rs.getLong(1), contactId, ActivityType.LEAD_ROUTED,
                        author, authorId, now));
            }
        }, before, at);
        steps.done("timelineEvents");
    }

    /** The SLA target of the decision, from its explanation's SLA line. */
    private static int slaMinutes(Decision d) {
        return d.explanation().stream().filter(l -> l.key().equals("routing.why.sla")).findFirst()
                .map(l -> Integer.parseInt(l.params().getFirst())).orElse(0);
    }

    private static String payload(Decision d, RoutingCause cause, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("cause", cause.name());
        payload.put("outcome", d.outcome().name());
        payload.put("ruleId", d.ruleId());
        payload.put("ruleName", d.ruleName());
        payload.put("teamId", d.teamId());
        payload.put("ownerId", d.outcome() == RoutingOutcome.ASSIGNED ? d.ownerId() : null);
        payload.put("previousOwnerId", d.previousOwnerId());
        payload.put("reason", reason);
        payload.put("explanation", d.explanation());
        return JSON.writeValueAsString(payload);
    }

    private static String shorten(String text) {
        return text.length() <= 500 ? text : text.substring(0, 499) + "…";
    }

    static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> list = new ArrayList<>(ids);
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += CHUNK) {
            chunks.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
        }
        return chunks;
    }

    static String marks(int n) {
        return Collections.nCopies(n, "?").stream().collect(Collectors.joining(","));
    }

    /** Where a routing batch spends its time, step by step (logged for big batches: the benchmark reads it). */
    static final class Steps {
        private final long started = System.nanoTime();
        private long last = started;
        private final Map<String, Long> nanos = new LinkedHashMap<>();

        void done(String step) {
            long t = System.nanoTime();
            nanos.merge(step, t - last, Long::sum);
            last = t;
        }

        @Override
        public String toString() {
            return (last - started) / 1_000_000 + " ms: " + nanos.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue() / 1_000_000).collect(Collectors.joining(", "));
        }
    }

    /** A rep's routing state while a batch is decided; written back once at the end. */
    private static final class RepState {
        long userId;
        String name;
        Long teamId;
        boolean active;
        int weight;
        Integer capacity;
        boolean away;
        java.time.LocalTime workStart;
        java.time.LocalTime workEnd;
        String workDays;
        String zone;
        long credit;
        Instant lastAssignedAt;
        int open;
        boolean changed;
        private WorkingHours hours;
        private final Map<Integer, Instant> dueByMinutes = new HashMap<>();

        WorkingHours hours(RoutingSettings settings) {
            if (hours == null) {
                hours = workStart == null || workEnd == null ? settings.businessHours()
                        : new WorkingHours(WorkingHours.parseDays(workDays), workStart, workEnd,
                        zone == null ? settings.zone() : java.time.ZoneId.of(zone));
            }
            return hours;
        }

        /** When an SLA of this many working minutes started now runs out (a batch shares one "now"). */
        Instant due(RoutingSettings settings, Instant now, int minutes) {
            return dueByMinutes.computeIfAbsent(minutes, m -> hours(settings).plusWorkingMinutes(now, m));
        }

        /** Why this rep cannot take a lead now (a translation key), or null. */
        String unavailable(RoutingSettings settings, Instant now) {
            if (!active) {
                return "routing.unavailable.disabled";
            }
            if (away) {
                return "routing.unavailable.away";
            }
            if (weight <= 0) {
                return "routing.unavailable.noWeight";
            }
            if (workStart != null && workEnd != null && !hours(settings).isOpen(now)) {
                return "routing.unavailable.offHours";
            }
            if (capacity != null && open >= capacity) {
                return "routing.unavailable.full";
            }
            return null;
        }

        void take(Instant now, boolean roundRobin, long totalWeight) {
            if (roundRobin) {
                credit -= totalWeight;
            }
            open++;
            lastAssignedAt = now;
            changed = true;
        }
    }
}
