package com.leadflow.funnel.ui;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.base.ui.Formats;
import com.leadflow.funnel.BoardFilter;
import com.leadflow.funnel.BoardService;
import com.leadflow.funnel.BoardSort;
import com.leadflow.security.LeadflowUserDetails;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.NativeButton;
import tools.jackson.databind.node.JsonNodeFactory;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class BoardViewTest extends AbstractViewTest {

    @Autowired
    ContactService contacts;
    @Autowired
    BoardService board;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.context.ApplicationEventPublisher applicationEvents;

    private String marker;
    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void newMarker() {
        marker = ContactFixtures.marker();
    }

    @AfterEach
    void cleanUp() {
        created.forEach(id -> jdbc.update("DELETE FROM contact WHERE id = ?", id));
    }

    private long create(String ownerUsername, String lastName, String stage, int score) {
        LeadflowUserDetails owner = (LeadflowUserDetails) userDetailsService.loadUserByUsername(ownerUsername);
        ContactForm form = ContactFixtures.contact("Ann", lastName, marker);
        form.setOwnerId(owner.user().id());
        form.setTeamId(owner.user().teamId());
        form.setFunnelStage(stage);
        long id = as("admin", () -> contacts.create(form)).getId();
        created.add(id);
        jdbc.update("UPDATE contact SET score = ? WHERE id = ?", score, id);
        return id;
    }

    private long version(long id) {
        return jdbc.queryForObject("SELECT version FROM contact WHERE id = ?", Long.class, id);
    }

    private void openBoard(String username) {
        login(username);
        UI.getCurrent().navigate("board", QueryParameters.simple(Map.of("q", marker, "owner", "all")));
    }

    private BoardColumn column(String stage) {
        return _get(BoardColumn.class, spec -> spec.withId("column-" + stage));
    }

    private List<Long> cardsIn(String stage) {
        return column(stage).cards().stream().map(c -> c.card().id()).toList();
    }

    private String count(String stage) {
        return _get(Span.class, spec -> spec.withId("count-" + stage)).getText();
    }

    /** As the browser does it: the card's move button opens its column's menu for that card, then an item. */
    private void moveWithMenu(long contactId, String fromStage, String toStage) {
        _get(NativeButton.class, spec -> spec.withId("card-move-" + contactId));
        ColumnMoveMenu menu = column(fromStage).moveMenu().orElseThrow();
        assertThat(menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode()
                .put("contactId", String.valueOf(contactId)))).isTrue();
        ContextMenuKt._clickItemWithID(menu, "move-" + fromStage + "-" + toStage);
    }

    private String stageOf(long id) {
        return jdbc.queryForObject("SELECT funnel_stage FROM contact WHERE id = ?", String.class, id);
    }

    @Test
    void movingWithTheCardMenuChangesTheStageAndWritesHistoryAndTimeline() {
        long anna = create("sam", "Menu", "INTERESTED", 50);
        openBoard("maria");
        assertThat(cardsIn("INTERESTED")).containsExactly(anna);
        assertThat(count("INTERESTED")).isEqualTo("1");

        moveWithMenu(anna, "INTERESTED", "REQUEST_SENT");
        MockVaadin.clientRoundtrip(false);

        assertThat(stageOf(anna)).isEqualTo("REQUEST_SENT");
        assertThat(cardsIn("INTERESTED")).isEmpty();
        assertThat(cardsIn("REQUEST_SENT")).containsExactly(anna);
        assertThat(count("INTERESTED")).isEqualTo("0");
        assertThat(count("REQUEST_SENT")).isEqualTo("1");
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM funnel_stage_history
                WHERE contact_id = ? AND from_stage = 'INTERESTED' AND to_stage = 'REQUEST_SENT'""",
                Integer.class, anna)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'FUNNEL_MOVE'",
                Integer.class, anna)).isEqualTo(1);
    }

    @Test
    void lostWithoutAReasonIsRefusedAndWithOneLeavesTheBoard() {
        long anna = create("sam", "Lost", "REQUEST_SENT", 50);
        openBoard("sam");
        moveWithMenu(anna, "REQUEST_SENT", "LOST");
        _click(_get(Button.class, spec -> spec.withId("lost-confirm")));
        @SuppressWarnings("unchecked")
        ComboBox<Object> reason = _get(ComboBox.class, spec -> spec.withId("lost-reason"));
        assertThat(reason.isInvalid()).isTrue();
        assertThat(stageOf(anna)).isEqualTo("REQUEST_SENT");

        _setValue(reason, reason.getListDataView().getItems().filter(r -> r.toString().contains("TIMING"))
                .findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("lost-confirm")));
        MockVaadin.clientRoundtrip(false);
        assertThat(stageOf(anna)).isEqualTo("LOST");
        assertThat(jdbc.queryForObject("SELECT lost_reason FROM contact WHERE id = ?", String.class, anna))
                .isEqualTo("TIMING");
        assertThat(cardsIn("REQUEST_SENT")).isEmpty();
    }

    @Test
    void filtersAndShowMore() {
        for (int i = 0; i < 23; i++) {
            create("sam", "Many" + i, "ACTIVE_REQUEST", i);
        }
        long southern = create("peter", "South", "ACTIVE_REQUEST", 99);
        openBoard("maria");
        assertThat(count("ACTIVE_REQUEST")).isEqualTo("24");
        assertThat(cardsIn("ACTIVE_REQUEST")).hasSize(20).startsWith(southern);
        _click(_get(Button.class, spec -> spec.withId("more-ACTIVE_REQUEST")));
        assertThat(cardsIn("ACTIVE_REQUEST")).hasSize(24).doesNotHaveDuplicates();
        assertThat(_find(Button.class, spec -> spec.withId("more-ACTIVE_REQUEST"))).isEmpty(); // all shown

        // the owner filter is in the URL, so a link shows the same board
        login("peter");
        UI.getCurrent().navigate("board", QueryParameters.simple(Map.of("q", marker, "owner", "mine")));
        assertThat(cardsIn("ACTIVE_REQUEST")).containsExactly(southern);
        assertThat(count("ACTIVE_REQUEST")).isEqualTo("1");
    }

    @Test
    void aMoveElsewhereIsPushedToAnOpenBoard() {
        long anna = create("sam", "Pushed", "INTERESTED", 30);
        openBoard("maria");
        assertThat(cardsIn("INTERESTED")).containsExactly(anna);

        // another user's session moves the contact; this board hears of it after the commit
        as("olga", () -> {
            board.move(anna, version(anna), "AGREED_INVOICED");
            return null;
        });
        MockVaadin.clientRoundtrip(false);

        assertThat(cardsIn("INTERESTED")).isEmpty();
        assertThat(cardsIn("AGREED_INVOICED")).containsExactly(anna);
        assertThat(count("AGREED_INVOICED")).isEqualTo("1");
        assertThat(count("INTERESTED")).isEqualTo("0");
    }

    @Test
    void aNewContactAndAnEditAreShownLive() {
        long first = create("sam", "First", "ACTIVE_REQUEST", 10);
        openBoard("maria");
        assertThat(count("ACTIVE_REQUEST")).isEqualTo("1");

        long second = create("olga", "Second", "ACTIVE_REQUEST", 90); // created in another session
        MockVaadin.clientRoundtrip(false);
        assertThat(cardsIn("ACTIVE_REQUEST")).containsExactly(second, first); // by score
        assertThat(count("ACTIVE_REQUEST")).isEqualTo("2");

        // an edit elsewhere shows on the card at once
        as("admin", () -> {
            var form = contacts.load(first);
            form.setLastName("Renamed");
            return contacts.update(form);
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(column("ACTIVE_REQUEST").cards()).filteredOn(c -> c.card().id() == first)
                .singleElement().satisfies(c -> assertThat(c.card().name()).isEqualTo("Ann Renamed"));
        assertThat(count("ACTIVE_REQUEST")).isEqualTo("2");
    }

    @Test
    void aMoveFromAStaleCardIsRefusedAndTheCardJumpsToWhereItIs() {
        long anna = create("sam", "Stale", "INTERESTED", 30);
        openBoard("maria");
        // changed by someone else in a way this board has not heard of yet (as from another application node)
        jdbc.update("UPDATE contact SET funnel_stage = 'REQUEST_SENT', version = version + 1 WHERE id = ?", anna);
        moveWithMenu(anna, "INTERESTED", "ACTIVE_REQUEST");

        assertThat(stageOf(anna)).isEqualTo("REQUEST_SENT");
        NotificationsKt.expectNotifications(
                "Not moved: someone else changed Ann Stale meanwhile. The contact is now in “Request sent”.");
        assertThat(cardsIn("REQUEST_SENT")).containsExactly(anna);
        assertThat(cardsIn("INTERESTED")).isEmpty();
    }

    @Test
    void theExecutiveSeesTheBoardReadOnly() {
        long anna = create("sam", "Exec", "INTERESTED", 30);
        openBoard("erik");
        assertThat(cardsIn("INTERESTED")).containsExactly(anna);
        assertThat(_find(NativeButton.class, spec -> spec.withId("card-move-" + anna))).isEmpty();
        assertThat(column("INTERESTED").moveMenu()).isEmpty();
        assertThat(column("INTERESTED").cards().getFirst().isDraggable()).isFalse();
        assertThat(column("REQUEST_SENT").isActive()).isFalse();
        _get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("board-read-only"));
    }

    @Test
    void anEditTakingACardOutOfAnOwnerFilteredBoardRemovesItLive() {
        long anna = create("sam", "Owned", "INTERESTED", 50);
        // longest in the stage: first on sam's own board by days in stage, whatever else sam owns
        jdbc.update("UPDATE contact SET stage_entered_at = '2001-01-01 00:00:00' WHERE id = ?", anna);
        login("sam");
        UI.getCurrent().navigate("board", QueryParameters.simple(Map.of("owner", "mine", "sort", "days")));
        assertThat(cardsIn("INTERESTED")).startsWith(anna);

        // reassigned to another rep in another session: no longer "mine"
        as("admin", () -> {
            var form = contacts.load(anna);
            form.setOwnerId(((com.leadflow.security.LeadflowUserDetails) userDetailsService.loadUserByUsername("peter"))
                    .user().id());
            return contacts.update(form);
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(cardsIn("INTERESTED")).doesNotContain(anna);

        // and back: the card returns
        as("admin", () -> {
            var form = contacts.load(anna);
            form.setOwnerId(((com.leadflow.security.LeadflowUserDetails) userDetailsService.loadUserByUsername("sam"))
                    .user().id());
            return contacts.update(form);
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(cardsIn("INTERESTED")).startsWith(anna);
    }

    @Test
    void enterOnAFocusedCardOpensTheProfileAndOtherKeysDoNot() {
        long anna = create("sam", "Keyboard", "INTERESTED", 50);
        openBoard("maria");
        BoardCardView card = column("INTERESTED").cards().getFirst();
        assertThat(card.getElement().getAttribute("tabindex")).isEqualTo("0"); // reachable with Tab

        String enterOnTheCard = "event.key === 'Enter' && event.target === element";
        var otherKey = JsonNodeFactory.instance.objectNode().put(enterOnTheCard, false);
        ElementUtilsKt._fireDomEvent(card.getElement(), new DomEvent(card.getElement(), "keydown", otherKey));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("board");

        var enter = JsonNodeFactory.instance.objectNode().put(enterOnTheCard, true);
        ElementUtilsKt._fireDomEvent(card.getElement(), new DomEvent(card.getElement(), "keydown", enter));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("contact/" + anna);
    }

    @Test
    void theColumnMenuOpensOnlyFromTheMoveButtonOfACardTheUserMayMove() {
        long own = create("sam", "Mine", "INTERESTED", 60);
        long southern = create("peter", "Theirs", "INTERESTED", 50);
        openBoard("sam"); // sam sees peter's contact (owner: all) but may not move it
        ColumnMoveMenu menu = column("INTERESTED").moveMenu().orElseThrow();
        assertThat(menu.getItems()).extracting(item -> item.getId().orElseThrow())
                .contains("move-INTERESTED-REQUEST_SENT", "move-INTERESTED-LOST", "move-INTERESTED-WON")
                .doesNotContain("move-INTERESTED-INTERESTED");

        _get(NativeButton.class, spec -> spec.withId("card-move-" + own));
        assertThat(_find(NativeButton.class, spec -> spec.withId("card-move-" + southern))).isEmpty();
        assertThat(menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode())).isFalse(); // not on a move button
        assertThat(menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode()
                .put("contactId", String.valueOf(southern)))).isFalse();
        assertThat(menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode()
                .put("contactId", String.valueOf(own)))).isTrue();
    }

    @Test
    void theUnfilteredBoardShowsTheExactCountsLiveAfterMovesCreationAndDeletion() {
        login("maria");
        UI.getCurrent().navigate("board", QueryParameters.simple(Map.of("owner", "all")));
        long interested = board.counts(BoardFilter.all()).open("INTERESTED");
        long requestSent = board.counts(BoardFilter.all()).open("REQUEST_SENT");
        assertThat(count("INTERESTED")).isEqualTo(Formats.number(interested));

        long anna = create("olga", "Counted", "INTERESTED", 10); // in another session
        MockVaadin.clientRoundtrip(false);
        assertThat(count("INTERESTED")).isEqualTo(Formats.number(interested + 1));

        as("olga", () -> {
            board.move(anna, version(anna), "REQUEST_SENT");
            return null;
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(count("INTERESTED")).isEqualTo(Formats.number(interested));
        assertThat(count("REQUEST_SENT")).isEqualTo(Formats.number(requestSent + 1));

        as("admin", () -> {
            contacts.delete(anna);
            return null;
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(count("REQUEST_SENT")).isEqualTo(Formats.number(requestSent));
    }

    private BoardCardView cardView(String stage, long contactId) {
        return column(stage).find(contactId).orElseThrow();
    }

    private String text(BoardCardView card, String className) {
        return card.getChildren().filter(c -> c.hasClassName(className)).map(c -> ((Span) c).getText())
                .findFirst().orElseThrow();
    }

    private Span part(BoardCardView card, String className) {
        return card.getChildren().filter(c -> c.hasClassName(className)).map(Span.class::cast)
                .findFirst().orElseThrow();
    }

    @Test
    void aCardMovedElsewhereIsTheSameComponentShowingItsNewFigures() {
        long anna = create("sam", "Moved", "INTERESTED", 40);
        // 30 days in Interested lead, which warns after 21
        jdbc.update("UPDATE contact SET stage_entered_at = ? WHERE id = ?",
                java.sql.Timestamp.from(testClock.instant().minus(java.time.Duration.ofDays(30))), anna);
        openBoard("maria");
        BoardCardView before = cardView("INTERESTED", anna);
        assertThat(text(before, "board-card-days")).isEqualTo("30 d");
        assertThat(part(before, "board-card-days").hasClassName("board-card-days-warn")).isTrue();
        assertThat(part(before, "board-card-days").getTitle()).hasValueSatisfying(t -> assertThat(t).contains("21"));

        as("olga", () -> {
            board.move(anna, version(anna), "ACTIVE_REQUEST");
            return null;
        });
        MockVaadin.clientRoundtrip(false);

        assertThat(cardsIn("INTERESTED")).isEmpty();
        BoardCardView after = cardView("ACTIVE_REQUEST", anna);
        assertThat(after).isSameAs(before); // moved, not made again
        assertThat(after.card().stage()).isEqualTo("ACTIVE_REQUEST");
        assertThat(after.card().version()).isEqualTo(version(anna)); // a move from it is not refused as stale
        assertThat(text(after, "board-card-days")).isEqualTo("0 d");
        assertThat(part(after, "board-card-days").hasClassName("board-card-days-warn")).isFalse();
        assertThat(part(after, "board-card-days").getTitle()).contains("0 days in this stage");
        assertThat(text(after, "board-card-name")).isEqualTo("Ann Moved");
        // the move re-scored the contact (the live scorer, after the commit): the card shows the score it has now
        assertThat(text(after, "board-card-score")).isEqualTo(String.valueOf(
                jdbc.queryForObject("SELECT score FROM contact WHERE id = ?", Integer.class, anna)));

        // and it moves on from there, with this board's own menu, as it is now
        moveWithMenu(anna, "ACTIVE_REQUEST", "REQUEST_SENT");
        MockVaadin.clientRoundtrip(false);
        assertThat(stageOf(anna)).isEqualTo("REQUEST_SENT");
        assertThat(cardView("REQUEST_SENT", anna)).isSameAs(before);
    }

    @Test
    void anEditShownInPlaceAndAScoreChangeTakesTheCardToItsNewPlace() {
        long high = create("sam", "High", "INTERESTED", 80);
        long low = create("sam", "Low", "INTERESTED", 20);
        openBoard("maria");
        assertThat(cardsIn("INTERESTED")).containsExactly(high, low);
        BoardCardView lowCard = cardView("INTERESTED", low);

        as("admin", () -> {
            var form = contacts.load(low);
            form.setLastName("Renamed");
            form.setCompany(marker + " Renamed Ltd");
            return contacts.update(form);
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(cardView("INTERESTED", low)).isSameAs(lowCard);
        assertThat(text(lowCard, "board-card-name")).isEqualTo("Ann Renamed");
        assertThat(lowCard.getElement().getAttribute("aria-label")).isEqualTo("Ann Renamed");
        assertThat(text(lowCard, "board-card-company")).isEqualTo(marker + " Renamed Ltd");

        // a new score: the same card, now first (by score)
        jdbc.update("UPDATE contact SET score = 95, version = version + 1 WHERE id = ?", low);
        as("admin", () -> {
            applicationEvents.publishEvent(new com.leadflow.contact.ContactChangedEvent(low,
                    com.leadflow.contact.ContactChangedEvent.Kind.UPDATED));
            return null;
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(cardsIn("INTERESTED")).containsExactly(low, high);
        assertThat(cardView("INTERESTED", low)).isSameAs(lowCard);
        assertThat(text(lowCard, "board-card-score")).isEqualTo("95");
    }

    @Test
    void aCardLeavingAFilteredBoardDisappearsAndOneMovedOnItStaysCounted() {
        long north = create("sam", "North", "INTERESTED", 60);
        long other = create("olga", "Other", "INTERESTED", 50);
        Long northTeam = ((LeadflowUserDetails) userDetailsService.loadUserByUsername("sam")).user().teamId();
        login("maria");
        UI.getCurrent().navigate("board", QueryParameters.simple(Map.of("q", marker, "owner", "all",
                "team", String.valueOf(northTeam))));
        assertThat(cardsIn("INTERESTED")).containsExactly(north, other);
        assertThat(count("INTERESTED")).isEqualTo("2");

        // moved on the filtered board by someone else: it follows, counts by one
        as("olga", () -> {
            board.move(other, version(other), "REQUEST_SENT");
            return null;
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(cardsIn("REQUEST_SENT")).containsExactly(other);
        assertThat(count("INTERESTED")).isEqualTo("1");
        assertThat(count("REQUEST_SENT")).isEqualTo("1");

        // handed to another team: no longer on this board
        as("admin", () -> {
            var form = contacts.load(north);
            LeadflowUserDetails peter = (LeadflowUserDetails) userDetailsService.loadUserByUsername("peter");
            form.setOwnerId(peter.user().id());
            form.setTeamId(peter.user().teamId());
            return contacts.update(form);
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(cardsIn("INTERESTED")).isEmpty();
        assertThat(cardsIn("REQUEST_SENT")).containsExactly(other);
    }

    @Test
    void theViewersShowMorePagesSurviveAMove() {
        List<Long> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(create("sam", "Page" + i, "ACTIVE_REQUEST", 10 + i));
        }
        long incoming = create("olga", "Incoming", "INTERESTED", 5);
        openBoard("maria");
        _click(_get(Button.class, spec -> spec.withId("more-ACTIVE_REQUEST")));
        assertThat(cardsIn("ACTIVE_REQUEST")).hasSize(25);
        List<BoardCardView> shown = column("ACTIVE_REQUEST").cards();

        // one of the loaded cards leaves, one comes in below the first page: all the viewer loaded stays
        long leaving = many.get(12);
        as("olga", () -> {
            board.move(leaving, version(leaving), "REQUEST_SENT");
            board.move(incoming, version(incoming), "ACTIVE_REQUEST");
            return null;
        });
        MockVaadin.clientRoundtrip(false);
        List<Long> now = cardsIn("ACTIVE_REQUEST");
        assertThat(now).hasSize(25).doesNotContain(leaving).contains(incoming).doesNotHaveDuplicates();
        // in score order (the moves re-scored the two contacts), the column loaded to its end
        assertThat(now).containsExactlyElementsOf(jdbc.queryForList("""
                SELECT id FROM contact WHERE company = ? AND status = 'OPEN' AND funnel_stage = 'ACTIVE_REQUEST'
                ORDER BY score DESC, id DESC""", Long.class, marker));
        assertThat(column("ACTIVE_REQUEST").cards()).containsAll(shown.stream()
                .filter(c -> c.card().id() != leaving).toList()); // the other cards were not made again
        assertThat(_find(Button.class, spec -> spec.withId("more-ACTIVE_REQUEST"))).isEmpty();
        assertThat(count("ACTIVE_REQUEST")).isEqualTo("25");
    }

    @Test
    void aStageChangeInTheProfileMovesTheCardAndTheExactCountsOfTheUnfilteredBoard() {
        long anna = create("sam", "Profile", "INTERESTED", 100); // newest of the best: first in its column
        login("maria");
        UI.getCurrent().navigate("board", QueryParameters.simple(Map.of("owner", "all")));
        long interested = board.counts(BoardFilter.all()).open("INTERESTED");
        long agreed = board.counts(BoardFilter.all()).open("AGREED_INVOICED");
        BoardCardView card = cardView("INTERESTED", anna);

        as("admin", () -> {
            var form = contacts.load(anna);
            form.setFunnelStage("AGREED_INVOICED");
            return contacts.update(form);
        });
        MockVaadin.clientRoundtrip(false);
        assertThat(count("INTERESTED")).isEqualTo(Formats.number(interested - 1));
        assertThat(count("AGREED_INVOICED")).isEqualTo(Formats.number(agreed + 1));
        assertThat(cardsIn("INTERESTED")).doesNotContain(anna);
        // the live scorer re-scored the contact after the edit: it is shown where its score puts it, if that is
        // on the column's first page, and then it is the same card
        boolean onFirstPage = board.column(BoardFilter.all(), "AGREED_INVOICED", BoardSort.SCORE, null,
                BoardService.PAGE_SIZE).stream().anyMatch(c -> c.id() == anna);
        if (onFirstPage) {
            assertThat(cardView("AGREED_INVOICED", anna)).isSameAs(card);
        } else {
            assertThat(cardsIn("AGREED_INVOICED")).doesNotContain(anna);
        }
    }
}
