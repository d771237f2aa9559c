package com.leadflow.funnel;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.ContactFilter.OwnerScope;
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
import org.springframework.security.access.AccessDeniedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoardServiceTest extends AbstractIntegrationTest {

    @Autowired
    BoardService board;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private String marker;
    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void newMarker() {
        marker = ContactFixtures.marker();
    }

    @AfterEach
    void cleanUp() {
        clearAuthentication();
        created.forEach(id -> jdbc.update("DELETE FROM contact WHERE id = ?", id));
    }

    private ContactForm create(String ownerUsername, String stage, int score) {
        LeadflowUserDetails owner = (LeadflowUserDetails) userDetailsService.loadUserByUsername(ownerUsername);
        ContactForm form = ContactFixtures.contact("Anna", "Board" + created.size(), marker);
        form.setOwnerId(owner.user().id());
        form.setTeamId(owner.user().teamId());
        form.setFunnelStage(stage);
        ContactForm saved = as("admin", () -> contacts.create(form));
        created.add(saved.getId());
        jdbc.update("UPDATE contact SET score = ? WHERE id = ?", score, saved.getId());
        // the rules engine may have re-scored the new contact meanwhile: the card's version is the stored one
        saved.setVersion(jdbc.queryForObject("SELECT version FROM contact WHERE id = ?", Long.class, saved.getId()));
        return saved;
    }

    private BoardFilter onlyMine() {
        return new BoardFilter(OwnerScope.ALL, null, null, null, null, marker);
    }

    private List<Map<String, Object>> history(long contactId) {
        return jdbc.queryForList("""
                SELECT from_stage, to_stage, changed_by_user_id, reason, note FROM funnel_stage_history
                WHERE contact_id = ? ORDER BY id""", contactId);
    }

    @Test
    void creationAndEveryMoveWriteTheStageHistoryTheTimelineAndTheAudit() {
        ContactForm anna = create("sam", "UNINTERESTED", 40);
        assertThat(history(anna.getId())).singleElement().satisfies(row -> {
            assertThat(row.get("from_stage")).isNull();
            assertThat(row.get("to_stage")).isEqualTo("UNINTERESTED");
        });

        LeadflowUserDetails maria = authenticate("maria");
        testClock.set(Instant.parse("2026-03-01T10:00:00Z"));
        board.move(anna.getId(), anna.getVersion(), "ACTIVE_REQUEST");

        assertThat(jdbc.queryForMap("SELECT funnel_stage, status FROM contact WHERE id = ?", anna.getId()))
                .containsEntry("funnel_stage", "ACTIVE_REQUEST").containsEntry("status", "OPEN");
        assertThat(jdbc.queryForObject("SELECT stage_entered_at FROM contact WHERE id = ?", java.sql.Timestamp.class,
                anna.getId()).toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(history(anna.getId())).hasSize(2).last().satisfies(row -> {
            assertThat(row.get("from_stage")).isEqualTo("UNINTERESTED");
            assertThat(row.get("to_stage")).isEqualTo("ACTIVE_REQUEST");
            assertThat(((Number) row.get("changed_by_user_id")).longValue()).isEqualTo(maria.user().id());
        });
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'FUNNEL_MOVE'", Integer.class,
                anna.getId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM audit_log WHERE entity_type = 'CONTACT' AND entity_id = ? AND action = 'UPDATE'
                """, Integer.class, anna.getId())).isEqualTo(1);
    }

    @Test
    void aMoveFromAStaleCardIsRefusedAndWritesNothing() {
        ContactForm anna = create("sam", "INTERESTED", 40);
        authenticate("maria");
        board.move(anna.getId(), anna.getVersion(), "REQUEST_SENT"); // someone else moved it

        assertThatThrownBy(() -> board.move(anna.getId(), anna.getVersion(), "ACTIVE_REQUEST"))
                .isInstanceOfSatisfying(FunnelMoveConflictException.class,
                        e -> assertThat(e.currentStage()).isEqualTo("REQUEST_SENT"));
        assertThat(jdbc.queryForObject("SELECT funnel_stage FROM contact WHERE id = ?", String.class, anna.getId()))
                .isEqualTo("REQUEST_SENT");
        assertThat(history(anna.getId())).hasSize(2);
    }

    @Test
    void lostNeedsAReasonOtherNeedsANoteAndReopeningNeedsAReason() {
        ContactForm anna = create("sam", "REQUEST_SENT", 40);
        authenticate("sam");
        long version = anna.getVersion();
        assertThatThrownBy(() -> board.move(anna.getId(), version, "LOST"))
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("contact.lostReasonRequired"));
        assertThatThrownBy(() -> board.markLost(anna.getId(), version, null, null))
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("contact.lostReasonRequired"));
        assertThatThrownBy(() -> board.markLost(anna.getId(), version, "OTHER", " "))
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("board.lost.noteRequired"));
        assertThatThrownBy(() -> board.markLost(anna.getId(), version, "NO_SUCH", null))
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("board.lost.unknownReason"));

        board.markLost(anna.getId(), version, "COMPETITOR", "Went with Acme");
        assertThat(jdbc.queryForMap("SELECT funnel_stage, status, lost_reason, lost_note FROM contact WHERE id = ?",
                anna.getId())).containsEntry("funnel_stage", "LOST").containsEntry("status", "LOST")
                .containsEntry("lost_reason", "COMPETITOR").containsEntry("lost_note", "Went with Acme");
        assertThat(history(anna.getId()).getLast()).containsEntry("reason", "COMPETITOR")
                .containsEntry("note", "Went with Acme");
        assertThat(board.counts(onlyMine()).open("REQUEST_SENT")).isZero();
        // picked up by the closed-lost segment (its live evaluation follows the same change event)
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM segment_member m JOIN segment s ON s.id = m.segment_id
                WHERE s.system_key = 'CLOSED_LOST' AND m.contact_id = ?""", Integer.class, anna.getId())).isEqualTo(1);

        assertThatThrownBy(() -> board.reopen(anna.getId(), version + 1, "INTERESTED", ""))
                .isInstanceOfSatisfying(ValidationFailedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("board.reopen.reasonRequired"));
        board.reopen(anna.getId(), version + 1, "INTERESTED", "Budget approved after all");
        assertThat(jdbc.queryForMap("SELECT funnel_stage, status, lost_reason FROM contact WHERE id = ?",
                anna.getId())).containsEntry("funnel_stage", "INTERESTED").containsEntry("status", "OPEN")
                .containsEntry("lost_reason", null);
        assertThat(history(anna.getId()).getLast()).containsEntry("from_stage", "LOST")
                .containsEntry("reason", "REOPEN").containsEntry("note", "Budget approved after all");
    }

    @Test
    void salesMovesOnlyOwnOrTeamContactsAndTheExecutiveNothing() {
        ContactForm southern = create("peter", "INTERESTED", 40);
        ContactForm northern = create("olga", "INTERESTED", 40);
        authenticate("sam"); // team North
        assertThatThrownBy(() -> board.move(southern.getId(), southern.getVersion(), "ACTIVE_REQUEST"))
                .isInstanceOf(AccessDeniedException.class);
        board.move(northern.getId(), northern.getVersion(), "ACTIVE_REQUEST");

        authenticate("erik");
        assertThat(board.canMove()).isFalse();
        assertThatThrownBy(() -> board.move(northern.getId(), northern.getVersion() + 1, "REQUEST_SENT"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.queryForObject("SELECT funnel_stage FROM contact WHERE id = ?", String.class,
                northern.getId())).isEqualTo("ACTIVE_REQUEST");
    }

    @Test
    void wonLeavesTheOpenColumnsAndCountsAsWon() {
        ContactForm anna = create("sam", "DELIVERED", 80);
        authenticate("maria");
        BoardCounts before = board.counts(onlyMine());
        board.move(anna.getId(), anna.getVersion(), "WON");
        BoardCounts after = board.counts(onlyMine());
        assertThat(before.open("DELIVERED")).isEqualTo(1);
        assertThat(after.open("DELIVERED")).isZero();
        assertThat(after.won()).isEqualTo(before.won() + 1);
        assertThat(jdbc.queryForObject("SELECT status FROM contact WHERE id = ?", String.class, anna.getId()))
                .isEqualTo(ContactStatus.WON.name());
    }

    @Test
    void aProfileEditOfTheStageWritesHistoryAndKeepsStatusInStep() {
        ContactForm anna = create("sam", "INTERESTED", 40);
        authenticate("maria");
        ContactForm edit = contacts.load(anna.getId());
        edit.setStatus(ContactStatus.LOST);
        edit.setLostReason("BUDGET");
        ContactForm saved = contacts.update(edit);
        assertThat(saved.getFunnelStage()).isEqualTo("LOST");
        assertThat(history(anna.getId()).getLast()).containsEntry("from_stage", "INTERESTED")
                .containsEntry("to_stage", "LOST").containsEntry("reason", "BUDGET");

        // reopened by status alone: back to the stage it was lost from
        ContactForm reopen = contacts.load(anna.getId());
        reopen.setStatus(ContactStatus.OPEN);
        ContactForm reopened = contacts.update(reopen);
        assertThat(reopened.getStatus()).isEqualTo(ContactStatus.OPEN);
        assertThat(reopened.getFunnelStage()).isEqualTo("INTERESTED");
        assertThat(history(anna.getId()).getLast()).containsEntry("from_stage", "LOST")
                .containsEntry("to_stage", "INTERESTED").containsEntry("reason", "REOPEN");

        // lost again, then reopened into a stage the person chose
        ContactForm lostAgain = contacts.load(anna.getId());
        lostAgain.setFunnelStage("LOST");
        lostAgain.setLostReason("NO_NEED");
        assertThat(contacts.update(lostAgain).getStatus()).isEqualTo(ContactStatus.LOST);
        ContactForm chosen = contacts.load(anna.getId());
        chosen.setStatus(ContactStatus.OPEN);
        chosen.setFunnelStage("ACTIVE_REQUEST");
        assertThat(contacts.update(chosen).getFunnelStage()).isEqualTo("ACTIVE_REQUEST");
    }

    @Test
    void columnsPageByScoreAndByDaysInStageAndCountUnderTheFilter() {
        for (int i = 0; i < 25; i++) {
            create("sam", "ACTIVE_REQUEST", i * 2);
        }
        create("peter", "ACTIVE_REQUEST", 99);
        authenticate("sam");
        assertThat(board.counts(onlyMine()).open("ACTIVE_REQUEST")).isEqualTo(26);
        BoardFilter mine = new BoardFilter(OwnerScope.MINE, null, null, null, null, marker);
        assertThat(board.counts(mine).open("ACTIVE_REQUEST")).isEqualTo(25);

        List<BoardCard> first = board.column(mine, "ACTIVE_REQUEST", BoardSort.SCORE, null, 20);
        assertThat(first).hasSize(20);
        assertThat(first.getFirst().score()).isEqualTo(48);
        assertThat(first).allMatch(BoardCard::movable);
        List<BoardCard> rest = board.column(mine, "ACTIVE_REQUEST", BoardSort.SCORE, first.getLast(), 20);
        assertThat(rest).hasSize(5).extracting(BoardCard::score).containsExactly(8, 6, 4, 2, 0);

        jdbc.update("UPDATE contact SET stage_entered_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.parse("2020-01-01T00:00:00Z")), created.get(7));
        assertThat(board.column(mine, "ACTIVE_REQUEST", BoardSort.DAYS_IN_STAGE, null, 1).getFirst().id())
                .isEqualTo(created.get(7));
    }
}
