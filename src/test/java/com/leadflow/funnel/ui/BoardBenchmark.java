package com.leadflow.funnel.ui;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.leadflow.BenchmarkDatabase;
import com.leadflow.base.live.LiveUpdates;
import com.leadflow.contact.ContactFilter.OwnerScope;
import com.leadflow.funnel.BoardCounts;
import com.leadflow.funnel.BoardFilter;
import com.leadflow.funnel.BoardService;
import com.leadflow.funnel.BoardSort;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.funnel.FunnelStageService;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.Temperature;
import com.vaadin.flow.server.communication.UidlWriter;
import com.leadflow.security.LeadflowUserDetails;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import com.leadflow.contact.ContactChangedEvent;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark, not a test: the funnel board on the benchmark database (1,000,000 contacts, docs/benchmarks.md).
 * Server time to open the board (counts + 7 × 20 cards), a move with history, timeline and push fan-out to 50 open
 * boards, and the heap one open board holds. Prints figures; asserts nothing; puts back what it changes.
 * <pre>./mvnw test -Dtest=BoardBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Options: {@code -Dvariant=open,filters,search,move} (default: all four), {@code -Druns=20}.
 */
@BenchmarkDatabase
class BoardBenchmark {

    private static final int RUNS = Integer.getInteger("runs", 20);
    private static final List<String> VARIANTS = List.of(System.getProperty("variant", "open,filters,search,move")
            .split(","));
    private static final int BOARDS = 50;

    @Autowired
    BoardService board;
    @Autowired
    FunnelStageService stages;
    @Autowired
    LiveUpdates live;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    ApplicationEventPublisher events;

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    private LeadflowUserDetails authenticate(String username) {
        LeadflowUserDetails details = (LeadflowUserDetails) users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities()));
        return details;
    }

    @Test
    void boardAtScale() throws Exception {
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        System.out.printf("%nBoard benchmark on %,d contacts (median, p95 and max of %d runs after 3 warm-ups)%n",
                total, RUNS);
        System.out.println("  load average at start: " + loadAverage());
        authenticate("maria");
        List<FunnelStage> open = stages.openStages();
        // the reference: the old way of counting, a scan of the open and won entries of ix_contact_board_score
        report("reference: live count over the board index (the old counts)", () -> jdbc.queryForList(
                "SELECT status, funnel_stage, COUNT(*) FROM contact WHERE status IN ('OPEN', 'WON')"
                        + " GROUP BY status, funnel_stage").size());
        if (VARIANTS.contains("open")) {
            report("open the board: all contacts, by score", () -> openBoard(BoardFilter.all(), BoardSort.SCORE, open));
            report("open the board: all contacts, by days in stage",
                    () -> openBoard(BoardFilter.all(), BoardSort.DAYS_IN_STAGE, open));
            report("counts only, all contacts (the counters)",
                    () -> board.counts(BoardFilter.all()).openByStage().size());
        }
        if (VARIANTS.contains("filters")) {
            authenticate("sam");
            BoardFilter mine = new BoardFilter(OwnerScope.MINE, null, null, null, null, null);
            report("open the board: a rep's own contacts", () -> openBoard(mine, BoardSort.SCORE, open));
            BoardFilter team = new BoardFilter(OwnerScope.MY_TEAM, null, null, null, null, null);
            report("open the board: a rep's team", () -> openBoard(team, BoardSort.SCORE, open));
            BoardFilter hot = new BoardFilter(OwnerScope.ALL, null, null, Temperature.HOT, null, null);
            report("open the board: all, temperature HOT", () -> openBoard(hot, BoardSort.SCORE, open));
            report("counts only, all, temperature HOT", () -> board.counts(hot).openByStage().size());
            BoardFilter webForm = new BoardFilter(OwnerScope.ALL, null, null, null, FirstTouchSource.WEB_FORM, null);
            report("open the board: all, source web form", () -> openBoard(webForm, BoardSort.SCORE, open));
        }
        if (VARIANTS.contains("search")) {
            authenticate("sam");
            BoardFilter search = new BoardFilter(OwnerScope.ALL, null, null, null, null, "ivan");
            report("open the board: all, quick search 'ivan'", () -> openBoard(search, BoardSort.SCORE, open));
            BoardFilter surname = new BoardFilter(OwnerScope.ALL, null, null, null, null, "Grady");
            report("open the board: all, quick search 'Grady'", () -> openBoard(surname, BoardSort.SCORE, open));
        }
        if (VARIANTS.contains("move")) {
            moveWithFanOut();
        }
        System.out.println("  load average at end: " + loadAverage());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private int openBoard(BoardFilter filter, BoardSort sort, List<FunnelStage> open) {
        BoardCounts counts = board.counts(filter);
        int cards = counts.openByStage().size();
        for (FunnelStage stage : open) {
            cards += board.column(filter, stage.code(), sort, null, BoardService.PAGE_SIZE).size();
        }
        return cards;
    }

    /** 50 open boards (one UI, as Karibu runs them) follow a contact that moves back and forth. */
    private void moveWithFanOut() {
        Routes routes = new Routes().autoDiscoverViews("com.leadflow");
        routes.getRoutes().add(BoardView.class);
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, context, uiFactory));
        UI.getCurrent().setLocale(Locale.ENGLISH);
        LeadflowUserDetails maria = authenticate("maria");
        ((FakeRequest) VaadinServletRequest.getCurrent().getRequest())
                .setUserPrincipalInt(SecurityContextHolder.getContext().getAuthentication());

        // the contact: an open one in the first stage with the best score, so it is on every board's first page
        Map<String, Object> contact = jdbc.queryForMap("""
                SELECT id, funnel_stage, version, updated_at, stage_entered_at, lifecycle_stage, score, temperature
                FROM contact
                WHERE status = 'OPEN' AND funnel_stage = 'INTERESTED' ORDER BY score DESC, id DESC LIMIT 1""");
        long id = ((Number) contact.get("id")).longValue();
        long maxActivity = maxId("activity");
        long maxHistory = maxId("funnel_stage_history");
        long maxAudit = maxId("audit_log");
        long maxSegmentHistory = maxId("segment_membership_history");
        long maxLifecycleHistory = maxId("lifecycle_stage_history");

        System.gc();
        long heapBefore = usedHeap();
        int followersBefore = live.followerCount();
        List<BoardView> boards = new ArrayList<>();
        long openStart = System.nanoTime();
        for (int i = 0; i < BOARDS; i++) {
            BoardView view = context.getAutowireCapableBeanFactory().createBean(BoardView.class);
            UI.getCurrent().add(view); // attached: it follows the live events
            view.open(BoardFilter.all(), BoardSort.SCORE);
            boards.add(view);
        }
        double openMillis = (System.nanoTime() - openStart) / 1e6;
        System.gc();
        long heapAfter = usedHeap();
        System.out.printf("  %d boards opened in %.0f ms; followers %d -> %d; live heap per open board ≈ %,d KB%n",
                BOARDS, openMillis, followersBefore, live.followerCount(), (heapAfter - heapBefore) / BOARDS / 1024);

        // what push would send after the boards opened is not part of a move
        UidlWriter uidl = new UidlWriter();
        uidl.createUidl(UI.getCurrent(), true);

        String[] stagesToggle = {"ACTIVE_REQUEST", "INTERESTED"};
        double[] move = new double[RUNS + 3];
        double[] fanOut = new double[RUNS + 3];
        double[] encode = new double[RUNS + 3];
        double[] listenersOnly = new double[RUNS + 3];
        int uidlBytes = 0;
        try {
            for (int i = 0; i < RUNS + 3; i++) {
                long version = jdbc.queryForObject("SELECT version FROM contact WHERE id = ?", Long.class, id);
                long start = System.nanoTime();
                board.move(id, version, stagesToggle[i % 2]); // write + history + timeline + audit, commit
                long moved = System.nanoTime();
                MockVaadin.runUIQueue(); // every board's push handler: count by one, card out of one column, into another
                long pushed = System.nanoTime();
                // what push then does on the server: collect the changes and write the message for the browsers
                uidlBytes = uidl.createUidl(UI.getCurrent(), true).toString().length();
                long encoded = System.nanoTime();
                move[i] = (moved - start) / 1e6;
                fanOut[i] = (pushed - moved) / 1e6;
                encode[i] = (encoded - pushed) / 1e6;
                listenersOnly[i] = afterCommitListeners(id, uidl);
            }
        } finally {
            restore(contact, id, maxActivity, maxHistory, maxAudit, maxSegmentHistory, maxLifecycleHistory);
        }
        double[] m = Arrays.copyOfRange(move, 3, move.length);
        double[] listeners = Arrays.copyOfRange(listenersOnly, 3, listenersOnly.length);
        double[] f = Arrays.copyOfRange(fanOut, 3, fanOut.length);
        double[] e = Arrays.copyOfRange(encode, 3, encode.length);
        double[] t = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            t[i] = m[i] + f[i] + e[i];
        }
        print("move: write + history + timeline + audit + commit", m);
        print("  of it: other features' after-commit listeners (reference)", listeners);
        print("push handlers of " + BOARDS + " open boards (both events)", f);
        print("push messages encoded (" + uidlBytes + " characters for " + BOARDS + " boards)", e);
        print("move + handlers + messages, total server time", t);
        System.out.printf("  (%d boards open as %s)%n", boards.size(), maria.getUsername());
    }

    /**
     * A reference for the move's own time: what the other features' after-commit listeners (scoring, lifecycle,
     * segments, cadence enrolment, all synchronous in the mover's thread) take for one contact change, timed as an
     * empty transaction that announces the change. The boards' handlers it queues run afterwards, untimed.
     */
    private double afterCommitListeners(long id, UidlWriter uidl) {
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        long start = System.nanoTime();
        tx.executeWithoutResult(s -> events.publishEvent(new ContactChangedEvent(id, ContactChangedEvent.Kind.UPDATED)));
        double millis = (System.nanoTime() - start) / 1e6;
        MockVaadin.runUIQueue();
        uidl.createUidl(UI.getCurrent(), true);
        return millis;
    }

    private void restore(Map<String, Object> contact, long id, long maxActivity, long maxHistory, long maxAudit,
                         long maxSegmentHistory, long maxLifecycleHistory) {
        jdbc.update("DELETE FROM lifecycle_stage_history WHERE contact_id = ? AND id > ?", id, maxLifecycleHistory);
        jdbc.update("DELETE FROM activity WHERE contact_id = ? AND id > ?", id, maxActivity);
        jdbc.update("DELETE FROM funnel_stage_history WHERE contact_id = ? AND id > ?", id, maxHistory);
        jdbc.update("DELETE FROM audit_log WHERE entity_id = ? AND id > ?", id, maxAudit);
        jdbc.update("DELETE FROM segment_membership_history WHERE contact_id = ? AND id > ?", id, maxSegmentHistory);
        jdbc.update("""
                UPDATE contact SET funnel_stage = ?, status = 'OPEN', version = ?, updated_at = ?, stage_entered_at = ?,
                                   lifecycle_stage = ?, score = ?, temperature = ?
                WHERE id = ?""", contact.get("funnel_stage"), contact.get("version"),
                toTimestamp(contact.get("updated_at")), toTimestamp(contact.get("stage_entered_at")),
                contact.get("lifecycle_stage"), contact.get("score"), contact.get("temperature"), id);
    }

    private static Object toTimestamp(Object value) {
        return value instanceof java.time.LocalDateTime t ? Timestamp.valueOf(t) : value;
    }

    private long maxId(String table) {
        Long max = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM " + table, Long.class);
        return max == null ? 0 : max;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void report(String name, java.util.function.IntSupplier run) {
        for (int i = 0; i < 3; i++) {
            run.getAsInt();
        }
        double[] millis = new double[RUNS];
        int rows = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            rows = run.getAsInt();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        print(name + " (" + rows + " rows)", millis);
    }

    private static void print(String name, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-62s median %7.1f ms   p95 %7.1f ms   max %7.1f ms%n", name, sorted[sorted.length / 2],
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1], sorted[sorted.length - 1]);
    }
}
