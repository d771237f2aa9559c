package com.leadflow.funnel.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.funnel.BoardCard;
import com.leadflow.funnel.BoardSort;
import com.leadflow.funnel.FunnelStage;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dnd.DropEffect;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One stage on the board: its header (name, count, weighted count, conversion from the column before) and, for an
 * open stage, a lazily loaded list of cards with "show more". Cards are dropped on it to move them here.
 */
class BoardColumn extends Div implements DropTarget<BoardColumn> {

    private final FunnelStage stage;
    private final Span count = new Span();
    private final Span weighted = new Span();
    private final Span conversion = new Span();
    private final Div cardList = new Div();
    private final Button more = new Button();
    private final List<BoardCardView> cards = new ArrayList<>();
    /** The column's "Move to…" menu (null: nobody here may move cards, or a closing column). */
    private final ColumnMoveMenu moveMenu;
    /** Whether every card of this column is loaded (no "show more" left). */
    private boolean complete;
    private long total;
    private Long shownCount;
    private Number shownWeighted;
    private Integer shownConversion;

    BoardColumn(FunnelStage stage, boolean dropAllowed, Runnable showMore, List<FunnelStage> moveTargets,
                BiConsumer<BoardCard, FunnelStage> moveTo) {
        this.stage = stage;
        addClassName("board-column");
        if (stage.terminal()) {
            addClassName(FunnelStage.LOST.equals(stage.code()) ? "board-column-lost" : "board-column-won");
        }
        setId("column-" + stage.code());
        getElement().setAttribute("role", "list");
        getElement().setAttribute("aria-label", stage.name(getLocale()));
        if (stage.color() != null) {
            getStyle().set("--board-stage-color", stage.color());
        }

        Span name = new Span(stage.name(getLocale()));
        name.addClassName("board-column-name");
        count.addClassName("board-column-count");
        count.setId("count-" + stage.code());
        weighted.addClassName("board-column-weighted");
        if (stage.winProbability() != null && !stage.terminal()) {
            weighted.setTitle(getTranslation("board.column.weighted.help", stage.winProbability()));
        }
        conversion.addClassName("board-column-conversion");
        conversion.setTitle(getTranslation("board.column.conversion.help"));
        conversion.setId("conversion-" + stage.code());
        Div header = new Div(name, count);
        header.addClassName("board-column-header");
        Div summary = new Div(weighted, conversion);
        summary.addClassName("board-column-summary");
        add(header, summary);

        // Lost is a drop zone only: the board counts open and won contacts, not every contact ever lost
        count.setVisible(!FunnelStage.LOST.equals(stage.code()));
        if (stage.terminal()) {
            Span hint = new Span(getTranslation(FunnelStage.LOST.equals(stage.code())
                    ? "board.column.dropLost" : "board.column.dropWon"));
            hint.addClassName("board-column-hint");
            add(hint);
        } else {
            cardList.addClassName("board-column-cards");
            more.setText(getTranslation("board.column.showMore"));
            more.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            more.setId("more-" + stage.code());
            more.addClickListener(e -> showMore.run());
            more.setVisible(false);
            add(cardList, more);
        }
        moveMenu = dropAllowed && !stage.terminal() && moveTargets.size() > 1
                ? new ColumnMoveMenu(cardList, stage, moveTargets, id -> find(id).map(BoardCardView::card), moveTo)
                : null;
        setActive(dropAllowed);
        if (dropAllowed) {
            setDropEffect(DropEffect.MOVE);
        }
    }

    FunnelStage stage() {
        return stage;
    }

    Optional<ColumnMoveMenu> moveMenu() {
        return Optional.ofNullable(moveMenu);
    }

    /**
     * Shows the header's figures. Every live event recomputes all headers; only a figure that changed is written
     * (and sent to the browser).
     */
    void showCount(long n, Double weightedCount, Integer conversionPercent) {
        if (shownCount == null || shownCount != n) {
            shownCount = n;
            total = n;
            count.setText(Formats.number(n));
            count.getElement().setAttribute("aria-label", getTranslation("board.column.count", n));
            updateMore();
        }
        // as shown: one decimal under 10, whole numbers above
        Number rounded = weightedCount == null ? null
                : weightedCount < 10 ? (Number) (Math.round(weightedCount * 10) / 10.0) : Math.round(weightedCount);
        if (!Objects.equals(rounded, shownWeighted)) {
            shownWeighted = rounded;
            weighted.setText(rounded == null ? "" : getTranslation("board.column.weighted", rounded));
        }
        if (!Objects.equals(conversionPercent, shownConversion)) {
            shownConversion = conversionPercent;
            conversion.setText(conversionPercent == null ? ""
                    : getTranslation("board.column.conversion", conversionPercent));
        }
    }

    long total() {
        return total;
    }

    void clearCards() {
        cards.clear();
        cardList.removeAll();
        complete = false;
        updateMore();
    }

    /** Appends a page of cards; a short page means the column is complete. */
    void append(List<BoardCardView> page, int pageSize) {
        for (BoardCardView card : page) {
            cards.add(card);
            cardList.add(card);
        }
        complete = page.size() < pageSize;
        updateMore();
    }

    Optional<BoardCard> lastLoaded() {
        return cards.isEmpty() ? Optional.empty() : Optional.of(cards.getLast().card());
    }

    Optional<BoardCardView> find(long contactId) {
        for (BoardCardView card : cards) {
            if (card.card().id() == contactId) {
                return Optional.of(card);
            }
        }
        return Optional.empty();
    }

    /** Takes the contact's card out of the column; returns it, so it can be shown elsewhere. */
    Optional<BoardCardView> remove(long contactId) {
        Optional<BoardCardView> shown = find(contactId);
        shown.ifPresent(c -> {
            cards.remove(c);
            cardList.remove(c);
            updateMore();
        });
        return shown;
    }

    /**
     * Puts a card where the sort places it, if that is within the loaded part of the column (else "show more"
     * reaches it in its turn); {@code view} gives the component showing it (made only if it is placed). Returns
     * whether the card is shown.
     */
    boolean place(BoardCard card, BoardSort sort, Function<BoardCard, BoardCardView> view) {
        int index = 0;
        while (index < cards.size() && cards.get(index).card().before(card, sort)) {
            index++;
        }
        if (index == cards.size() && !complete) {
            return false;
        }
        BoardCardView shown = view.apply(card);
        cards.add(index, shown);
        cardList.addComponentAtIndex(index, shown);
        updateMore();
        return true;
    }

    List<BoardCardView> cards() {
        return List.copyOf(cards);
    }

    private void updateMore() {
        more.setVisible(!stage.terminal() && !complete && cards.size() < total);
    }
}
