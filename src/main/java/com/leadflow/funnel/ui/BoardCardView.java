package com.leadflow.funnel.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.funnel.BoardCard;
import com.leadflow.funnel.FunnelStage;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.dnd.EffectAllowed;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One contact on the board: name, company, score in its temperature colour, owner initials, days in the stage,
 * next touch, speed-to-lead due time, do-not-contact marker. Dragged to another column, or moved with its move
 * button, which opens the column's "Move to…" menu ({@link ColumnMoveMenu}); Enter or a click opens the profile.
 */
class BoardCardView extends Div implements DragSource<BoardCardView> {

    private final BoardCard card;

    BoardCardView(BoardCard card, FunnelStage stage, Instant now, Consumer<BoardCard> open) {
        this.card = card;
        addClassName("board-card");
        setId("card-" + card.id());
        getElement().setAttribute("data-contact-id", String.valueOf(card.id()));
        getElement().setAttribute("tabindex", "0");
        getElement().setAttribute("role", "listitem");
        getElement().setAttribute("aria-label", card.name());

        Span name = new Span(card.name());
        name.addClassName("board-card-name");
        Div top = new Div(name);
        top.addClassName("board-card-top");
        if (card.doNotContact()) {
            Span dnc = new Span(VaadinIcon.BAN.create());
            dnc.addClassName("board-card-dnc");
            dnc.setTitle(getTranslation("board.card.doNotContact"));
            dnc.getElement().setAttribute("aria-label", getTranslation("board.card.doNotContact"));
            top.add(dnc);
        }
        if (card.movable()) {
            NativeButton move = new NativeButton("⋮");
            move.addClassName(ColumnMoveMenu.BUTTON_CLASS);
            move.setId("card-move-" + card.id());
            move.getElement().setAttribute("aria-label", getTranslation("board.card.moveTo"));
            move.getElement().setAttribute("aria-haspopup", "menu");
            move.getElement().setAttribute("title", getTranslation("board.card.moveTo"));
            top.add(move);
        }
        add(top);
        if (card.company() != null) {
            Span company = new Span(card.company());
            company.addClassName("board-card-company");
            add(company);
        }

        Div facts = new Div();
        facts.addClassName("board-card-facts");
        Span score = new Span(String.valueOf(card.score()));
        score.addClassNames("board-card-score", "temperature-" + card.temperature().name().toLowerCase());
        score.setTitle(getTranslation("board.card.score", card.score(),
                getTranslation("temperature." + card.temperature().name())));
        facts.add(score);
        if (!card.ownerInitials().isEmpty()) {
            Span owner = new Span(card.ownerInitials());
            owner.addClassName("board-card-owner");
            owner.setTitle(card.ownerName());
            facts.add(owner);
        }
        long days = card.daysInStage(now);
        Span inStage = new Span(getTranslation("board.card.days", days));
        inStage.addClassName("board-card-days");
        inStage.setTitle(getTranslation("board.card.daysInStage", days));
        if (stage.warnAfterDays() != null && days > stage.warnAfterDays()) {
            inStage.addClassName("board-card-days-warn");
            inStage.setTitle(getTranslation("board.card.daysWarn", days, stage.warnAfterDays()));
        }
        facts.add(inStage);
        add(facts);
        if (card.nextTouchAt() != null) {
            Span next = new Span(getTranslation("board.card.nextTouch", Formats.dateTime(card.nextTouchAt())));
            next.addClassName("board-card-next");
            add(next);
        }
        if (card.slaDueAt() != null) {
            Span sla = new Span(getTranslation("board.card.slaDue", Formats.dateTime(card.slaDueAt())));
            sla.addClassName("board-card-sla");
            if (card.slaDueAt().isBefore(now)) {
                sla.addClassName("board-card-sla-overdue");
            }
            add(sla);
        }

        setDraggable(card.movable());
        if (card.movable()) {
            setEffectAllowed(EffectAllowed.MOVE);
        }
        // a click anywhere but the move button opens the profile; Enter does the same for the keyboard
        getElement().addEventListener("click", e -> open.accept(card))
                .setFilter("!event.target.closest('." + ColumnMoveMenu.BUTTON_CLASS + "')");
        getElement().addEventListener("keydown", e -> open.accept(card))
                .setFilter("event.key === 'Enter' && event.target === element");
    }

    BoardCard card() {
        return card;
    }
}
