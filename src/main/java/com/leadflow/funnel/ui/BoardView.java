package com.leadflow.funnel.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.live.LiveUpdates;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.contact.ContactFilter.OwnerScope;
import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.Temperature;
import com.leadflow.funnel.BoardCard;
import com.leadflow.funnel.BoardCounts;
import com.leadflow.funnel.BoardFilter;
import com.leadflow.funnel.BoardService;
import com.leadflow.funnel.BoardSort;
import com.leadflow.funnel.FunnelMoveConflictException;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.funnel.FunnelStageChangedEvent;
import com.leadflow.funnel.FunnelStageService;
import com.leadflow.funnel.LostReasonService;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import com.leadflow.security.TeamSummary;
import com.leadflow.security.UserAccountService;
import com.leadflow.segment.SegmentService;
import com.leadflow.segment.SegmentSummary;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The funnel board: one column per open stage with its count and lazily loaded cards, plus Won and Lost to drop
 * on. Cards move by drag and drop or by their "Move to…" menu; every open board follows moves, edits and new
 * contacts live, one card at a time, keeping its filters (which live in the URL) and scroll position.
 */
@Route(value = "board", layout = MainLayout.class)
@Menu(title = "board.nav", order = 5, icon = "vaadin:grid-v")
@PermitAll
class BoardView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final BoardService board;
    private final FunnelStageService stageService;
    private final LostReasonService lostReasons;
    private final Clock clock;
    private final boolean canMove;

    private final Select<OwnerScope> owner = new Select<>();
    private final ComboBox<TeamSummary> team = new ComboBox<>();
    private final ComboBox<SegmentSummary> segment = new ComboBox<>();
    private final ComboBox<Temperature> temperature = new ComboBox<>();
    private final ComboBox<FirstTouchSource> source = new ComboBox<>();
    private final TextField search = new TextField();
    private final Select<BoardSort> sort = new Select<>();
    private final Div columnRow = new Div();
    private final Map<String, BoardColumn> columns = new LinkedHashMap<>();
    private final Map<Long, TeamSummary> teamsById = new HashMap<>();
    private final Map<Long, SegmentSummary> segmentsById = new HashMap<>();

    private List<FunnelStage> stages = List.of();
    private BoardFilter filter = BoardFilter.all();
    private BoardCounts counts = new BoardCounts(Map.of(), 0);
    private boolean applyingUrl;

    BoardView(BoardService board, FunnelStageService stageService, LostReasonService lostReasons,
              UserAccountService accounts, SegmentService segments, CurrentUserProvider currentUser,
              LiveUpdates live, Clock clock) {
        this.board = board;
        this.stageService = stageService;
        this.lostReasons = lostReasons;
        this.clock = clock;
        this.canMove = board.canMove();
        addClassName("board-view");
        setSizeFull();
        setPadding(true);

        accounts.listTeams().forEach(t -> teamsById.put(t.id(), t));
        segments.list().forEach(s -> segmentsById.put(s.id(), s));
        OwnerScope defaultOwner = currentUser.require().role() == Role.SALES ? OwnerScope.MINE : OwnerScope.ALL;
        filter = new BoardFilter(defaultOwner, null, null, null, null, null);
        add(toolbar());

        columnRow.addClassName("board-columns");
        columnRow.setId("board-columns");
        add(columnRow);
        setFlexGrow(1, columnRow);
        if (!canMove) {
            Div readOnly = new Div(getTranslation("board.readOnly"));
            readOnly.addClassName("board-read-only");
            readOnly.setId("board-read-only");
            addComponentAtIndex(1, readOnly);
        }

        live.follow(this, FunnelStageChangedEvent.class, this::stageChanged);
        live.follow(this, ContactChangedEvent.class, this::contactChanged);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("board.title");
    }

    private HorizontalLayout toolbar() {
        owner.setLabel(getTranslation("board.filter.owner"));
        owner.setItems(OwnerScope.values());
        owner.setItemLabelGenerator(s -> getTranslation("board.owner." + s.name()));
        owner.setId("filter-owner");
        team.setLabel(getTranslation("contact.team"));
        team.setItems(teamsById.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList());
        team.setItemLabelGenerator(TeamSummary::name);
        team.setClearButtonVisible(true);
        team.setId("filter-team");
        segment.setLabel(getTranslation("board.filter.segment"));
        segment.setItems(segmentsById.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList());
        segment.setItemLabelGenerator(SegmentSummary::name);
        segment.setClearButtonVisible(true);
        segment.setId("filter-segment");
        temperature.setLabel(getTranslation("board.filter.temperature"));
        temperature.setItems(Temperature.values());
        temperature.setItemLabelGenerator(t -> getTranslation("temperature." + t.name()));
        temperature.setClearButtonVisible(true);
        temperature.setId("filter-temperature");
        source.setLabel(getTranslation("contact.firstTouchSource"));
        source.setItems(FirstTouchSource.values());
        source.setItemLabelGenerator(s -> getTranslation("source." + s.name()));
        source.setClearButtonVisible(true);
        source.setId("filter-source");
        search.setLabel(getTranslation("board.filter.search"));
        search.setPlaceholder(getTranslation("board.filter.search.placeholder"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setId("filter-search");
        sort.setLabel(getTranslation("board.sort"));
        sort.setItems(BoardSort.values());
        sort.setItemLabelGenerator(s -> getTranslation("board.sort." + s.name()));
        sort.setValue(BoardSort.SCORE);
        sort.setId("board-sort");
        List<HasValue<?, ?>> fields = List.of(owner, team, segment, temperature, source, search, sort);
        fields.forEach(f -> f.addValueChangeListener(e -> {
            if (!applyingUrl) {
                filterChanged();
            }
        }));
        HorizontalLayout bar = new HorizontalLayout(owner, team, segment, temperature, source, search, sort);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.addClassName("board-toolbar");
        bar.setWrap(true);
        return bar;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        BoardFilter fromUrl = BoardFilter.fromParameters(parameters, filter.ownerOrAll());
        List<String> sortParameter = parameters.getOrDefault("sort", List.of());
        open(fromUrl, sortParameter.contains("days") ? BoardSort.DAYS_IN_STAGE : BoardSort.SCORE);
    }

    /** Shows the board for this filter and sort (from the URL, or directly for the benchmark). */
    void open(BoardFilter fromUrl, BoardSort sortBy) {
        applyingUrl = true;
        try {
            owner.setValue(fromUrl.ownerOrAll());
            team.setValue(fromUrl.teamId() == null ? null : teamsById.get(fromUrl.teamId()));
            segment.setValue(fromUrl.segmentId() == null ? null : segmentsById.get(fromUrl.segmentId()));
            temperature.setValue(fromUrl.temperature());
            source.setValue(fromUrl.source());
            search.setValue(fromUrl.search() == null ? "" : fromUrl.search());
            sort.setValue(sortBy);
        } finally {
            applyingUrl = false;
        }
        filter = currentFilter();
        reload();
    }

    private BoardFilter currentFilter() {
        return new BoardFilter(owner.getValue(), team.getValue() == null ? null : team.getValue().id(),
                segment.getValue() == null ? null : segment.getValue().id(), temperature.getValue(),
                source.getValue(), search.getValue());
    }

    private void filterChanged() {
        filter = currentFilter();
        // the URL carries the filter, so the board can be bookmarked and shared
        Map<String, List<String>> parameters = new LinkedHashMap<>(filter.toParameters());
        if (sort.getValue() == BoardSort.DAYS_IN_STAGE) {
            parameters.put("sort", List.of("days"));
        }
        getUI().ifPresent(ui -> ui.getPage().getHistory()
                .replaceState(null, new Location("board", new QueryParameters(parameters))));
        reload();
    }

    /** Builds the columns afresh: stages, counts, first page of each open column. */
    private void reload() {
        stages = stageService.stages();
        columns.clear();
        columnRow.removeAll();
        for (FunnelStage stage : stages) {
            BoardColumn column = new BoardColumn(stage, canMove, () -> showMore(stage.code()), stages,
                    this::requestMove);
            column.addDropListener(e -> e.getDragSourceComponent().ifPresent(dragged -> {
                if (dragged instanceof BoardCardView card) {
                    requestMove(card.card(), stage);
                }
            }));
            columns.put(stage.code(), column);
            columnRow.add(column);
        }
        recount();
        for (BoardColumn column : columns.values()) {
            if (!column.stage().terminal()) {
                column.append(render(board.column(filter, column.stage().code(), sort.getValue(), null,
                        BoardService.PAGE_SIZE)), BoardService.PAGE_SIZE);
            }
        }
    }

    private void showMore(String stageCode) {
        BoardColumn column = columns.get(stageCode);
        BoardCard after = column.lastLoaded().orElse(null);
        column.append(render(board.column(filter, stageCode, sort.getValue(), after, BoardService.PAGE_SIZE)),
                BoardService.PAGE_SIZE);
    }

    private List<BoardCardView> render(List<BoardCard> cards) {
        return cards.stream().map(this::render).toList();
    }

    private BoardCardView render(BoardCard card) {
        FunnelStage stage = columns.get(card.stage()).stage();
        return new BoardCardView(card, stage, Instant.now(clock), this::openProfile);
    }

    private void openProfile(BoardCard card) {
        UI.getCurrent().navigate("contact/" + card.id());
    }

    private void recount() {
        counts = board.counts(filter);
        showCounts();
    }

    /** Counts, weighted counts and the conversion from the previous column (share that got at least this far). */
    private void showCounts() {
        List<BoardColumn> funnel = new ArrayList<>();
        for (BoardColumn column : columns.values()) {
            if (!FunnelStage.LOST.equals(column.stage().code())) {
                funnel.add(column);
            }
        }
        long[] reached = new long[funnel.size()];
        long sum = 0;
        for (int i = funnel.size() - 1; i >= 0; i--) {
            FunnelStage stage = funnel.get(i).stage();
            sum += stage.terminal() ? (i == funnel.size() - 1 ? counts.won() : 0) : counts.open(stage.code());
            reached[i] = sum;
        }
        for (int i = 0; i < funnel.size(); i++) {
            FunnelStage stage = funnel.get(i).stage();
            long n = stage.terminal() ? (i == funnel.size() - 1 ? counts.won() : 0) : counts.open(stage.code());
            Double weightedCount = stage.winProbability() == null || stage.terminal() ? null
                    : n * stage.winProbability() / 100.0;
            Integer conversion = i == 0 || reached[i - 1] == 0 ? null
                    : (int) Math.round(100.0 * reached[i] / reached[i - 1]);
            funnel.get(i).showCount(n, weightedCount, conversion);
        }
        BoardColumn lost = columns.get(FunnelStage.LOST);
        if (lost != null) {
            lost.showCount(0, null, null);
        }
    }

    // ------------------------------------------------------------------ moving

    private void requestMove(BoardCard card, FunnelStage target) {
        if (card.stage().equals(target.code())) {
            return;
        }
        if (!card.movable()) {
            Notifications.error(getTranslation("board.move.denied"));
            return;
        }
        if (FunnelStage.LOST.equals(target.code())) {
            new LostReasonDialog(card.name(), lostReasons.active(),
                    (reason, note) -> run(card, () -> board.markLost(card.id(), card.version(), reason, note),
                            "board.moved.lost", target)).open();
        } else if (target.closesAsWon()) {
            ConfirmDialog confirm = new ConfirmDialog(getTranslation("board.won.title"),
                    getTranslation("board.won.text", card.name(), target.name(getLocale())),
                    getTranslation("board.won.confirm"),
                    e -> run(card, () -> board.move(card.id(), card.version(), target.code()), "board.moved", target));
            confirm.setCancelable(true);
            confirm.setCancelText(getTranslation("action.cancel"));
            confirm.setId("won-dialog");
            confirm.open();
        } else {
            run(card, () -> board.move(card.id(), card.version(), target.code()), "board.moved", target);
        }
    }

    private void run(BoardCard card, Runnable move, String successKey, FunnelStage target) {
        try {
            move.run();
            Notifications.success(getTranslation(successKey, card.name(), target.name(getLocale())));
        } catch (FunnelMoveConflictException e) {
            String where = stageService.find(e.currentStage()).map(s -> s.name(getLocale())).orElse(e.currentStage());
            Notifications.error(getTranslation("board.move.conflict", card.name(), where));
        } catch (AccessDeniedException e) {
            Notifications.error(getTranslation("board.move.denied"));
        } catch (ValidationFailedException e) {
            Notifications.error(getTranslation(e.messageKey(), e.params()));
        }
        // the card jumps to where the contact really is now, moved or not
        showCard(card.id());
    }

    // ------------------------------------------------------------------ live

    /**
     * A stage change anywhere: a filtered board adjusts its counts by one when the contact is on it, and moves the
     * card. An unfiltered board leaves it to the {@link ContactChangedEvent} that every stage change is announced
     * with, from the same transaction ({@code ContactService} create and update, {@code BoardService}'s moves): that
     * one brings the exact counters and the card, so a move costs such a board one read and one render, not two.
     */
    private void stageChanged(FunnelStageChangedEvent event) {
        if (filter.isUnfiltered()) {
            return;
        }
        Optional<BoardCard> now = board.cardAfter(event, event.contactId(), filter);
        if (now.isPresent()) {
            adjust(event.fromStage(), event.fromStatus(), -1);
            adjust(event.toStage(), event.toStatus(), +1);
            showCounts();
        }
        showCard(event.contactId(), now);
    }

    private void adjust(String stage, String status, int delta) {
        if (stage == null || status == null) {
            return;
        }
        Map<String, Long> open = new HashMap<>(counts.openByStage());
        long won = counts.won();
        if (ContactStatus.OPEN.name().equals(status)) {
            open.merge(stage, (long) delta, (a, b) -> Math.max(0, a + b));
        } else if (ContactStatus.WON.name().equals(status)) {
            won += delta;
        }
        counts = new BoardCounts(open, Math.max(0, won));
    }

    private void contactChanged(ContactChangedEvent event) {
        if (event.kind() == ContactChangedEvent.Kind.DELETED) {
            columns.values().forEach(c -> c.remove(event.contactId()));
            if (filter.isUnfiltered()) {
                counts = board.countsAfter(event);
                showCounts();
            } else {
                recount(); // the deleted contact may have been counted here without a card loaded
            }
            return;
        }
        // an edit shows the card as it is now. The unfiltered board takes the exact counters with it (they are read
        // once per event for all boards); a filtered board's counts change with stage changes only (counting again
        // here would race with stage changes still on their way to this board and count them twice)
        BoardService.BoardChange change = board.changeAfter(event, event.contactId(), filter);
        if (change.counts() != null) {
            counts = change.counts();
            showCounts();
        }
        showCard(event.contactId(), change.card());
    }

    private void showCard(long contactId) {
        showCard(contactId, board.card(filter, contactId));
    }

    /**
     * Shows the contact's card where it belongs now, if it belongs at all: only the column that shows it and the
     * column it goes to are touched. A card already shown is updated, not made again: left alone when it is shown
     * exactly as it is now, its changed texts written in place when it keeps its place, or the same component moved
     * to where it belongs now.
     */
    private void showCard(long contactId, Optional<BoardCard> now) {
        BoardColumn target = now.filter(card -> card.status() == ContactStatus.OPEN)
                .map(card -> columns.get(card.stage()))
                .filter(column -> !column.stage().terminal())
                .orElse(null);
        BoardCardView shown = null;
        for (BoardColumn column : columns.values()) {
            Optional<BoardCardView> found = column.find(contactId);
            if (found.isPresent()) {
                BoardCard before = found.get().card();
                if (column == target && before.equals(now.get())) {
                    return;
                }
                if (column == target && before.sameSortKey(now.get(), sort.getValue())) {
                    found.get().show(now.get(), target.stage(), Instant.now(clock));
                    return;
                }
                shown = column.remove(contactId).orElseThrow();
            }
        }
        if (target != null) {
            BoardCardView reused = shown;
            target.place(now.get(), sort.getValue(), card -> reused == null ? render(card)
                    : reused.show(card, target.stage(), Instant.now(clock)));
        }
    }
}
