package com.leadflow.funnel;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.ContactStatus;
import com.leadflow.security.LeadflowUserDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-stage counters the unfiltered board reads ({@code board_stage_count}, kept by triggers) agree with the
 * live count over the contacts after every kind of write: service paths, board moves, plain SQL, new stages,
 * deletes and concurrent opposite moves.
 */
class BoardStageCountTest extends AbstractIntegrationTest {

    @Autowired
    BoardService board;
    @Autowired
    ContactService contacts;
    @Autowired
    FunnelStageService stages;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private String marker;
    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void setUp() {
        marker = ContactFixtures.marker();
        authenticate("maria");
    }

    @AfterEach
    void cleanUp() {
        created.forEach(id -> jdbc.update("DELETE FROM contact WHERE id = ?", id));
        jdbc.update("DELETE FROM funnel_stage WHERE code = 'COUNT_TEST'");
        clearAuthentication();
    }

    /** Counters and live count read in one snapshot, so writers elsewhere cannot make them differ. */
    private void assertCountersAgree() {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            BoardCounts counters = board.countFromCounters();
            BoardCounts live = board.countLive(BoardFilter.all());
            assertThat(counters.openByStage()).isEqualTo(live.openByStage());
            assertThat(counters.won()).isEqualTo(live.won());
        });
        // and the board itself, unfiltered, uses the counters
        assertThat(board.counts(BoardFilter.all())).isEqualTo(board.countFromCounters());
    }

    private ContactForm create(String stage) {
        LeadflowUserDetails sam = (LeadflowUserDetails) userDetailsService.loadUserByUsername("sam");
        ContactForm form = ContactFixtures.contact("Count", "Er" + created.size(), marker);
        form.setOwnerId(sam.user().id());
        form.setTeamId(sam.user().teamId());
        form.setFunnelStage(stage);
        ContactForm saved = contacts.create(form);
        created.add(saved.getId());
        return saved;
    }

    private long version(long id) {
        return jdbc.queryForObject("SELECT version FROM contact WHERE id = ?", Long.class, id);
    }

    private long open(String stage) {
        return board.counts(BoardFilter.all()).open(stage);
    }

    @Test
    void countersFollowEveryKindOfWrite() {
        assertCountersAgree();
        long interestedBefore = open("INTERESTED");
        long wonBefore = board.counts(BoardFilter.all()).won();

        ContactForm a = create("INTERESTED");
        ContactForm b = create("INTERESTED");
        ContactForm c = create("ACTIVE_REQUEST");
        assertThat(open("INTERESTED")).isEqualTo(interestedBefore + 2);
        assertCountersAgree();

        board.move(a.getId(), version(a.getId()), "REQUEST_SENT");
        board.move(b.getId(), version(b.getId()), "WON");
        board.markLost(c.getId(), version(c.getId()), "TIMING", null);
        assertThat(open("INTERESTED")).isEqualTo(interestedBefore);
        assertThat(board.counts(BoardFilter.all()).won()).isEqualTo(wonBefore + 1);
        assertCountersAgree();

        board.reopen(c.getId(), version(c.getId()), "INTERESTED", "Called back");
        board.reopen(b.getId(), version(b.getId()), "DELIVERED", "Contract reopened");
        assertCountersAgree();

        // a profile edit of the stage and of the status
        ContactForm edited = contacts.load(a.getId());
        edited.setFunnelStage("AGREED_INVOICED");
        contacts.update(edited);
        edited = contacts.load(c.getId());
        edited.setStatus(ContactStatus.UNQUALIFIED);
        contacts.update(edited);
        assertCountersAgree();

        // plain SQL, as another feature or an administrator might write
        jdbc.update("UPDATE contact SET funnel_stage = 'PAYMENT_RECEIVED' WHERE id = ?", a.getId());
        jdbc.update("UPDATE contact SET status = 'WON', funnel_stage = 'WON' WHERE id = ?", b.getId());
        jdbc.update("UPDATE contact SET score = score + 1 WHERE id IN (?, ?)", a.getId(), b.getId());
        jdbc.update("INSERT INTO contact (first_name, last_name, company, funnel_stage, status, created_at, updated_at)"
                + " VALUES ('Plain', 'Sql', ?, 'INTERESTED', 'OPEN', NOW(6), NOW(6))", marker);
        created.add(jdbc.queryForObject("SELECT MAX(id) FROM contact WHERE company = ?", Long.class, marker));
        assertCountersAgree();

        // a stage added in the settings gets counters at once
        stages.save(new FunnelStage("COUNT_TEST", 0, false, 10, null, "Counted", "Посчитано", null));
        board.move(a.getId(), version(a.getId()), "COUNT_TEST");
        assertThat(open("COUNT_TEST")).isEqualTo(1);
        assertCountersAgree();

        // a delete takes the contact out of its count
        jdbc.update("DELETE FROM contact WHERE id = ?", a.getId());
        assertThat(open("COUNT_TEST")).isZero();
        assertCountersAgree();
    }

    @Test
    void concurrentOppositeMovesKeepTheCountersExactAndNeverDeadlock() throws Exception {
        List<ContactForm> moving = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            moving.add(create(i % 2 == 0 ? "INTERESTED" : "ACTIVE_REQUEST"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                List<ContactForm> mine = moving.subList(t * 2, t * 2 + 2);
                running.add(pool.submit(() -> as("maria", () -> {
                    for (int round = 0; round < 15; round++) {
                        for (ContactForm contact : mine) {
                            String stage = jdbc.queryForObject("SELECT funnel_stage FROM contact WHERE id = ?",
                                    String.class, contact.getId());
                            // one goes forward while the other comes back: opposite moves between the same stages
                            board.move(contact.getId(), version(contact.getId()),
                                    "INTERESTED".equals(stage) ? "ACTIVE_REQUEST" : "INTERESTED");
                        }
                    }
                    return null;
                })));
            }
            for (Future<?> f : running) {
                f.get(); // a deadlock or lost update would fail here or below
            }
        } finally {
            pool.shutdownNow();
        }
        assertCountersAgree();
    }
}
