package com.leadflow.funnel;

import com.leadflow.audit.AuditLog;
import com.leadflow.audit.FieldChange;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.ContactSearch;
import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.Temperature;
import com.leadflow.base.live.LiveEvent;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import com.leadflow.security.Roles;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.TimelineService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The funnel board: per-stage counts and lazily paged columns of open contacts under a filter, and the moves
 * between stages (drag and drop, "Move to…", lost with a reason, won, reopen). Everybody reads; ADMIN and MARKETING
 * move any contact, SALES the ones they or their team own, EXECUTIVE nothing. A move from a stale card is refused.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class BoardService {

    /** Cards per column page: the first page when the board opens, and each "show more". */
    public static final int PAGE_SIZE = 20;

    private static final String COLUMNS = """
            c.id, c.version, c.first_name, c.last_name, c.company, c.score, c.temperature, c.owner_id, c.team_id,
            u.display_name AS owner_name, c.funnel_stage, c.status, c.stage_entered_at, c.next_touch_at,
            c.sla_due_at, c.do_not_contact""";

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentUserProvider currentUser;
    private final FunnelStageService stages;
    private final LostReasonService lostReasons;
    private final FunnelHistory history;
    private final AuditLog auditLog;
    private final TimelineService timeline;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;

    BoardService(NamedParameterJdbcTemplate jdbc, CurrentUserProvider currentUser, FunnelStageService stages,
                 LostReasonService lostReasons, FunnelHistory history, AuditLog auditLog, TimelineService timeline,
                 ApplicationEventPublisher events, ObjectMapper json, Clock clock,
                 PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.stages = stages;
        this.lostReasons = lostReasons;
        this.history = history;
        this.auditLog = auditLog;
        this.timeline = timeline;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Open contacts per stage and won contacts under the filter. The unfiltered board reads the per-stage counters
     * ({@code board_stage_count}, kept by triggers in every writing transaction); a filtered board counts live.
     */
    @Transactional(readOnly = true)
    public BoardCounts counts(BoardFilter filter) {
        return filter.isUnfiltered() ? countFromCounters() : countLive(filter);
    }

    /**
     * The unfiltered counts after a live event, read once per event for every unfiltered board that handles it. The
     * counters are exact, so such a board takes them as they are instead of adjusting its counts by one. No
     * transaction: one statement, and 50 open boards would each open one just to find the counts already read.
     */
    public BoardCounts countsAfter(LiveEvent event) {
        synchronized (this) {
            if (countsReadFor == event) {
                return countsRead;
            }
        }
        BoardCounts counts = countFromCounters();
        synchronized (this) {
            countsReadFor = event;
            countsRead = counts;
        }
        return counts;
    }

    private LiveEvent countsReadFor;
    private BoardCounts countsRead;

    /** The counters: the sum of each stage's slots, as committed (never stale, never approximate). */
    BoardCounts countFromCounters() {
        Map<String, Long> open = new HashMap<>();
        long[] won = {0};
        jdbc.query("SELECT funnel_stage, SUM(open_count), SUM(won_count) FROM board_stage_count GROUP BY funnel_stage",
                rs -> {
                    if (rs.getLong(2) != 0) {
                        open.put(rs.getString(1), rs.getLong(2));
                    }
                    won[0] += rs.getLong(3);
                });
        return new BoardCounts(open, won[0]);
    }

    /** One grouped query over the board indexes under the filter. */
    BoardCounts countLive(BoardFilter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, currentUser.require(), params);
        Map<String, Long> open = new HashMap<>();
        long[] won = {0};
        jdbc.query("SELECT c.status, c.funnel_stage, COUNT(*) AS n FROM contact c"
                + " WHERE c.status IN ('OPEN', 'WON')" + where + " GROUP BY c.status, c.funnel_stage", params, rs -> {
            if ("OPEN".equals(rs.getString(1))) {
                open.put(rs.getString(2), rs.getLong(3));
            } else {
                won[0] += rs.getLong(3);
            }
        });
        return new BoardCounts(open, won[0]);
    }

    /**
     * One page of a column: open contacts in {@code stage} under the filter, in {@code sort} order, after the card
     * {@code after} (null: from the top). Keyset paging, so cards moving in and out meanwhile never shift a page.
     */
    @Transactional(readOnly = true)
    public List<BoardCard> column(BoardFilter filter, String stage, BoardSort sort, BoardCard after, int limit) {
        CurrentUser user = currentUser.require();
        MapSqlParameterSource params = new MapSqlParameterSource("stage", stage)
                .addValue("limit", Math.clamp(limit, 1, 200));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM contact c LEFT JOIN app_user u ON u.id = c.owner_id"
                + " WHERE c.status = 'OPEN' AND c.funnel_stage = :stage" + where(filter, user, params));
        if (after != null) {
            params.addValue("afterId", after.id());
            switch (sort) {
                case SCORE -> {
                    sql.append(" AND (c.score < :afterScore OR (c.score = :afterScore AND c.id < :afterId))");
                    params.addValue("afterScore", after.score());
                }
                case DAYS_IN_STAGE -> {
                    sql.append(" AND (c.stage_entered_at > :afterEntered"
                            + " OR (c.stage_entered_at = :afterEntered AND c.id > :afterId))");
                    params.addValue("afterEntered", Timestamp.from(after.stageEnteredAt()));
                }
            }
        }
        sql.append(switch (sort) {
            case SCORE -> " ORDER BY c.score DESC, c.id DESC";
            case DAYS_IN_STAGE -> " ORDER BY c.stage_entered_at, c.id";
        });
        sql.append(" LIMIT :limit");
        return jdbc.query(sql.toString(), params, (rs, i) -> card(rs, user));
    }

    /** The contact as a card if it matches the filter (whatever its status), for live updates of one card. */
    @Transactional(readOnly = true)
    public Optional<BoardCard> card(BoardFilter filter, long contactId) {
        CurrentUser user = currentUser.require();
        MapSqlParameterSource params = new MapSqlParameterSource("id", contactId);
        return jdbc.query("SELECT " + COLUMNS + " FROM contact c LEFT JOIN app_user u ON u.id = c.owner_id"
                + " WHERE c.id = :id" + where(filter, user, params), params, (rs, i) -> card(rs, user))
                .stream().findFirst();
    }

    /**
     * The contact as a card for a board that heard {@code event} about it, if it matches the board's filter. Every
     * open board hears the same event: the contact is read once per event and shared by all of them, and each board
     * checks its own filter in memory. Only segment and search filters need the database, board by board. No
     * transaction, as in {@link #countsAfter}: each read is one statement.
     */
    public Optional<BoardCard> cardAfter(LiveEvent event, long contactId, BoardFilter filter) {
        if (filter.segmentId() != null || !filter.searchText().isEmpty()) {
            return card(filter, contactId);
        }
        CurrentUser user = currentUser.require();
        return sharedRow(event, contactId)
                .filter(row -> matches(filter, user, row))
                .map(row -> row.card().movable(ContactService.canEdit(user, row.card().ownerId(), row.card().teamId())));
    }

    /**
     * What an open board needs after a live event about a contact, in one call per board: the contact's card if it
     * matches the board's filter and, for an unfiltered board, the counters as they are now (null for a filtered
     * board, which counts live). Both are read once per event for all boards ({@link #cardAfter},
     * {@link #countsAfter}).
     */
    public BoardChange changeAfter(LiveEvent event, long contactId, BoardFilter filter) {
        return new BoardChange(cardAfter(event, contactId, filter), filter.isUnfiltered() ? countsAfter(event) : null);
    }

    /** See {@link #changeAfter}. */
    public record BoardChange(Optional<BoardCard> card, BoardCounts counts) {
    }

    /** A card as read for everybody (not yet movable by anyone) and the contact's source, for the filter check. */
    private record SharedRow(BoardCard card, String source) {
    }

    private record LoadedFor(LiveEvent event, Optional<SharedRow> row) {
    }

    /**
     * The last row read per contact and the event it was read for. Keyed by the event instance: a later event about
     * the same contact is a later commit and reads again, so a board never keeps an older row than its event.
     */
    private final Map<Long, LoadedFor> sharedRows = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, LoadedFor> eldest) {
            return size() > 1000;
        }
    };

    private Optional<SharedRow> sharedRow(LiveEvent event, long contactId) {
        synchronized (sharedRows) {
            LoadedFor loaded = sharedRows.get(contactId);
            if (loaded != null && loaded.event() == event) {
                return loaded.row();
            }
        }
        Optional<SharedRow> row = jdbc.query("SELECT " + COLUMNS + ", c.first_touch_source"
                        + " FROM contact c LEFT JOIN app_user u ON u.id = c.owner_id WHERE c.id = :id",
                new MapSqlParameterSource("id", contactId),
                (rs, i) -> new SharedRow(card(rs, null), rs.getString("first_touch_source"))).stream().findFirst();
        synchronized (sharedRows) {
            sharedRows.put(contactId, new LoadedFor(event, row));
        }
        return row;
    }

    /** The filter checked in memory: the same conditions as {@link #where} without segment and search. */
    private static boolean matches(BoardFilter filter, CurrentUser user, SharedRow row) {
        BoardCard card = row.card();
        boolean owner = switch (filter.ownerOrAll()) {
            case MINE -> Objects.equals(card.ownerId(), user.id());
            case MY_TEAM -> user.teamId() == null ? Objects.equals(card.ownerId(), user.id())
                    : Objects.equals(card.teamId(), user.teamId());
            case ALL -> true;
        };
        return owner
                && (filter.teamId() == null || filter.teamId().equals(card.teamId()))
                && (filter.temperature() == null || filter.temperature() == card.temperature())
                && (filter.source() == null || filter.source().name().equals(row.source()));
    }

    /** Whether the current user may move cards at all (EXECUTIVE reads the board only). */
    public boolean canMove() {
        return currentUser.require().role() != Role.EXECUTIVE;
    }

    /** A card from a row of {@link #COLUMNS}; movable by {@code user} (null: by nobody yet). */
    private static BoardCard card(ResultSet rs, CurrentUser user) throws SQLException {
        Long ownerId = rs.getObject("owner_id", Long.class);
        Long teamId = rs.getObject("team_id", Long.class);
        return new BoardCard(rs.getLong("id"), rs.getLong("version"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("company"), rs.getInt("score"),
                Temperature.valueOf(rs.getString("temperature")), ownerId, teamId, rs.getString("owner_name"),
                rs.getString("funnel_stage"), ContactStatus.valueOf(rs.getString("status")),
                instant(rs, "stage_entered_at"), instant(rs, "next_touch_at"), instant(rs, "sla_due_at"),
                rs.getBoolean("do_not_contact"), user != null && ContactService.canEdit(user, ownerId, teamId));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** The filter as " AND …" conditions on {@code c}; every value is a parameter. */
    private static String where(BoardFilter filter, CurrentUser user, MapSqlParameterSource params) {
        List<String> where = new ArrayList<>();
        switch (filter.ownerOrAll()) {
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
        if (filter.teamId() != null) {
            where.add("c.team_id = :team");
            params.addValue("team", filter.teamId());
        }
        if (filter.segmentId() != null) {
            where.add("EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = :segment"
                    + " AND sm.contact_id = c.id)");
            params.addValue("segment", filter.segmentId());
        }
        if (filter.temperature() != null) {
            where.add("c.temperature = :temperature");
            params.addValue("temperature", filter.temperature().name());
        }
        if (filter.source() != null) {
            where.add("c.first_touch_source = :source");
            params.addValue("source", filter.source().name());
        }
        String search = filter.searchText();
        if (!search.isEmpty()) {
            // the contact list's quick search; as a derived table it is materialised once, not probed per contact
            where.add("c.id IN (SELECT m.id FROM (" + ContactSearch.matches(search, params) + ") m)");
        }
        return where.isEmpty() ? "" : " AND " + String.join(" AND ", where);
    }

    // ------------------------------------------------------------------ moving

    /**
     * Moves an open contact to another stage: an open stage, or a closing stage (Won). The Lost stage needs a
     * reason: {@link #markLost}. Refused when the card's version is stale.
     */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    public void move(long contactId, long expectedVersion, String toStage) {
        inTransactionRetryingDeadlocks(() -> doMove(contactId, expectedVersion, toStage));
    }

    private void doMove(long contactId, long expectedVersion, String toStage) {
        FunnelStage target = stages.find(toStage)
                .orElseThrow(() -> new ValidationFailedException("contact.unknownFunnelStage", toStage));
        if (FunnelStage.LOST.equals(target.code())) {
            throw new ValidationFailedException("contact.lostReasonRequired");
        }
        Current current = loadForChange(contactId, expectedVersion);
        if (current.status != ContactStatus.OPEN) {
            throw new ValidationFailedException("board.move.notOpen");
        }
        if (current.stage.equals(target.code())) {
            return;
        }
        ContactStatus status = target.closesAsWon() ? ContactStatus.WON : ContactStatus.OPEN;
        change(current, target.code(), status, null, null, null, null);
    }

    /** Marks an open (or won) contact lost, with a reason from the list and a note where the reason needs one. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    public void markLost(long contactId, long expectedVersion, String reason, String note) {
        inTransactionRetryingDeadlocks(() -> doMarkLost(contactId, expectedVersion, reason, note));
    }

    private void doMarkLost(long contactId, long expectedVersion, String reason, String note) {
        Current current = loadForChange(contactId, expectedVersion);
        if (current.status == ContactStatus.LOST) {
            throw new ValidationFailedException("board.move.notOpen");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.trim();
        if (cleanNote != null && cleanNote.length() > 1000) {
            throw new ValidationFailedException("board.note.tooLong");
        }
        lostReasons.requireUsable(reason, cleanNote, null);
        change(current, FunnelStage.LOST, ContactStatus.LOST, reason, cleanNote, reason, cleanNote);
    }

    /** Reopens a lost or won contact into an open stage; the reason (why it is back) is required. */
    @PreAuthorize(Roles.CAN_EDIT_CONTACTS)
    public void reopen(long contactId, long expectedVersion, String toStage, String reason) {
        inTransactionRetryingDeadlocks(() -> doReopen(contactId, expectedVersion, toStage, reason));
    }

    private void doReopen(long contactId, long expectedVersion, String toStage, String reason) {
        FunnelStage target = stages.find(toStage)
                .orElseThrow(() -> new ValidationFailedException("contact.unknownFunnelStage", toStage));
        if (target.terminal()) {
            throw new ValidationFailedException("board.reopen.chooseStage");
        }
        String cleanReason = reason == null || reason.isBlank() ? null : reason.trim();
        if (cleanReason == null) {
            throw new ValidationFailedException("board.reopen.reasonRequired");
        }
        if (cleanReason.length() > 1000) {
            throw new ValidationFailedException("board.note.tooLong");
        }
        Current current = loadForChange(contactId, expectedVersion);
        if (current.status == ContactStatus.OPEN) {
            throw new ValidationFailedException("board.reopen.notClosed");
        }
        change(current, target.code(), ContactStatus.OPEN, null, null, "REOPEN", cleanReason);
    }

    /**
     * Runs a move in a transaction of its own. A deadlock with background work on the same contact (the rules
     * re-evaluating it) rolls the whole move back, so it is safe to run it again: up to three attempts. Inside a
     * caller's transaction it runs once (that transaction is lost with the deadlock anyway).
     */
    private void inTransactionRetryingDeadlocks(Runnable move) {
        boolean callersTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(tx -> move.run());
                return;
            } catch (PessimisticLockingFailureException e) {
                if (callersTransaction || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private record Current(long id, Long ownerId, Long teamId, String stage, ContactStatus status,
                           String lostReason, String lostNote, long version) {
    }

    private Current loadForChange(long contactId, long expectedVersion) {
        CurrentUser user = currentUser.require();
        List<Current> rows = jdbc.query("""
                SELECT id, owner_id, team_id, funnel_stage, status, lost_reason, lost_note, version
                FROM contact WHERE id = :id""", new MapSqlParameterSource("id", contactId),
                (rs, i) -> new Current(rs.getLong("id"), rs.getObject("owner_id", Long.class),
                        rs.getObject("team_id", Long.class), rs.getString("funnel_stage"),
                        ContactStatus.valueOf(rs.getString("status")), rs.getString("lost_reason"),
                        rs.getString("lost_note"), rs.getLong("version")));
        if (rows.isEmpty()) {
            throw new ValidationFailedException("contact.notFound");
        }
        Current current = rows.getFirst();
        if (!ContactService.canEdit(user, current.ownerId, current.teamId)) {
            throw new AccessDeniedException("You may not move contact " + contactId);
        }
        if (current.version != expectedVersion) {
            throw new FunnelMoveConflictException(contactId, current.stage);
        }
        return current;
    }

    /** One write: the contact (only if still at the version read), its stage history, audit, timeline, push. */
    private void change(Current current, String toStage, ContactStatus toStatus, String lostReason, String lostNote,
                        String historyReason, String historyNote) {
        Instant now = clock.instant();
        int updated = jdbc.update("""
                UPDATE contact SET funnel_stage = :stage, status = :status, lost_reason = :reason, lost_note = :note,
                                   stage_entered_at = :now, updated_at = :now, version = version + 1
                WHERE id = :id AND version = :version""", new MapSqlParameterSource()
                .addValue("stage", toStage).addValue("status", toStatus.name()).addValue("reason", lostReason)
                .addValue("note", lostNote).addValue("now", Timestamp.from(now)).addValue("id", current.id)
                .addValue("version", current.version));
        if (updated == 0) {
            throw new FunnelMoveConflictException(current.id, current.stage);
        }
        history.record(current.id, current.stage, current.status.name(), toStage, toStatus.name(), historyReason,
                historyNote, now);
        List<FieldChange> changes = new ArrayList<>();
        changes.add(new FieldChange("funnelStage", current.stage, toStage));
        if (current.status != toStatus) {
            changes.add(new FieldChange("status", current.status.name(), toStatus.name()));
        }
        if (!Objects.equals(current.lostReason, lostReason)) {
            changes.add(new FieldChange("lostReason", current.lostReason, lostReason));
        }
        if (!Objects.equals(current.lostNote, lostNote)) {
            changes.add(new FieldChange("lostNote", current.lostNote, lostNote));
        }
        auditLog.record(ContactService.AUDIT_TYPE, current.id, "UPDATE", changes);
        timeline.recordChange(current.id, ActivityType.FUNNEL_MOVE,
                String.join(", ", changes.stream().map(FieldChange::field).toList()), json.writeValueAsString(changes));
        events.publishEvent(new ContactChangedEvent(current.id, ContactChangedEvent.Kind.UPDATED));
    }
}
