package com.leadflow.funnel.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.funnel.BoardCard;
import com.leadflow.funnel.FunnelStage;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.dnd.EffectAllowed;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One contact on the board: name, company, score in its temperature colour, owner initials, days in the stage,
 * next touch, speed-to-lead due time, do-not-contact marker. Dragged to another column, or moved with its move
 * button, which opens the column's "Move to…" menu ({@link ColumnMoveMenu}); Enter or a click opens the profile.
 * <p>
 * A live update shows the same card again with {@link #show}: only the texts that changed are written (and pushed),
 * and a card that moves to another column is this same component, not a new one.
 */
class BoardCardView extends Div implements DragSource<BoardCardView> {

    private BoardCard card;
    /** What the card shows now, and the parts it is written to. */
    private Face face;
    private Span name;
    private Span company;
    private Span score;
    private Span days;
    private Span sla;

    BoardCardView(BoardCard card, FunnelStage stage, Instant now, Consumer<BoardCard> open) {
        this.card = card;
        addClassName("board-card");
        setId("card-" + card.id());
        getElement().setAttribute("data-contact-id", String.valueOf(card.id()));
        getElement().setAttribute("tabindex", "0");
        getElement().setAttribute("role", "listitem");
        build(Face.of(card, stage, now, this));
        // a click anywhere but the move button opens the profile; Enter does the same for the keyboard
        getElement().addEventListener("click", e -> open.accept(this.card))
                .setFilter("!event.target.closest('." + ColumnMoveMenu.BUTTON_CLASS + "')");
        getElement().addEventListener("keydown", e -> open.accept(this.card))
                .setFilter("event.key === 'Enter' && event.target === element");
    }

    BoardCard card() {
        return card;
    }

    /**
     * Shows the contact as it is now (in {@code stage}): the texts that changed are written, nothing else; when a
     * part appears or disappears (a company set, a next touch planned, no longer movable…) the card is laid out again.
     */
    BoardCardView show(BoardCard now, FunnelStage stage, Instant at) {
        card = now;
        Face next = Face.of(now, stage, at, this);
        if (!next.sameLayout(face)) {
            removeAll();
            build(next);
            return this;
        }
        if (!next.name.equals(face.name)) {
            name.setText(next.name);
            getElement().setAttribute("aria-label", next.name);
        }
        if (company != null && !next.company.equals(face.company)) {
            company.setText(next.company);
        }
        if (!next.scoreText.equals(face.scoreText)) {
            score.setText(next.scoreText);
        }
        if (!next.temperatureClass.equals(face.temperatureClass)) {
            score.removeClassName(face.temperatureClass);
            score.addClassName(next.temperatureClass);
        }
        if (!next.scoreTitle.equals(face.scoreTitle)) {
            score.setTitle(next.scoreTitle);
        }
        if (!next.daysText.equals(face.daysText)) {
            days.setText(next.daysText);
        }
        if (!next.daysTitle.equals(face.daysTitle)) {
            days.setTitle(next.daysTitle);
        }
        if (next.daysWarn != face.daysWarn) {
            days.setClassName("board-card-days-warn", next.daysWarn);
        }
        if (sla != null && !next.slaText.equals(face.slaText)) {
            sla.setText(next.slaText);
        }
        if (sla != null && next.slaOverdue != face.slaOverdue) {
            sla.setClassName("board-card-sla-overdue", next.slaOverdue);
        }
        face = next;
        return this;
    }

    /**
     * Lays the card out: its parts are its direct children, placed by the stylesheet's grid (no wrapper elements:
     * an open board holds about 150 cards, and each element costs server memory and push bytes).
     */
    private void build(Face f) {
        face = f;
        getElement().setAttribute("aria-label", f.name);
        name = part("board-card-name", f.name);
        if (f.doNotContact != null) {
            Icon dnc = VaadinIcon.BAN.create();
            dnc.addClassName("board-card-dnc");
            dnc.getElement().setAttribute("title", f.doNotContact);
            dnc.getElement().setAttribute("aria-label", f.doNotContact);
            dnc.getElement().setAttribute("role", "img");
            add(dnc);
        }
        if (f.moveTo != null) {
            // the "⋮" comes from the stylesheet; the label names the button
            NativeButton move = new NativeButton();
            move.addClassName(ColumnMoveMenu.BUTTON_CLASS);
            move.setId("card-move-" + card.id());
            move.getElement().setAttribute("aria-label", f.moveTo);
            move.getElement().setAttribute("aria-haspopup", "menu");
            move.getElement().setAttribute("title", f.moveTo);
            add(move);
        }
        company = f.company == null ? null : part("board-card-company", f.company);
        score = part("board-card-score", f.scoreText);
        score.addClassName(f.temperatureClass);
        score.setTitle(f.scoreTitle);
        if (f.ownerInitials != null) {
            part("board-card-owner", f.ownerInitials).setTitle(f.ownerName);
        }
        days = part("board-card-days", f.daysText);
        days.setTitle(f.daysTitle);
        days.setClassName("board-card-days-warn", f.daysWarn);
        if (f.nextTouch != null) {
            part("board-card-next", f.nextTouch);
        }
        sla = null;
        if (f.slaText != null) {
            sla = part("board-card-sla", f.slaText);
            sla.setClassName("board-card-sla-overdue", f.slaOverdue);
        }
        setDraggable(f.moveTo != null);
        if (f.moveTo != null) {
            setEffectAllowed(EffectAllowed.MOVE);
        }
    }

    private Span part(String className, String text) {
        Span part = new Span(text);
        part.addClassName(className);
        add(part);
        return part;
    }

    /**
     * The texts of a card as the viewer reads them. Parts that may be absent are null; {@link #sameLayout} tells
     * whether two faces have the same parts, so one can be shown over the other text by text.
     */
    private record Face(String name, String company, String doNotContact, String moveTo, String scoreText,
                        String temperatureClass, String scoreTitle, String ownerInitials, String ownerName,
                        String daysText, String daysTitle, boolean daysWarn, String nextTouch, String slaText,
                        boolean slaOverdue) {

        static Face of(BoardCard card, FunnelStage stage, Instant now, BoardCardView texts) {
            long days = card.daysInStage(now);
            boolean warn = stage.warnAfterDays() != null && days > stage.warnAfterDays();
            return new Face(card.name(), card.company(),
                    card.doNotContact() ? texts.getTranslation("board.card.doNotContact") : null,
                    card.movable() ? texts.getTranslation("board.card.moveTo") : null,
                    String.valueOf(card.score()),
                    "temperature-" + card.temperature().name().toLowerCase(),
                    texts.getTranslation("board.card.score", card.score(),
                            texts.getTranslation("temperature." + card.temperature().name())),
                    card.ownerInitials().isEmpty() ? null : card.ownerInitials(), card.ownerName(),
                    texts.getTranslation("board.card.days", days),
                    warn ? texts.getTranslation("board.card.daysWarn", days, stage.warnAfterDays())
                            : texts.getTranslation("board.card.daysInStage", days),
                    warn,
                    card.nextTouchAt() == null ? null
                            : texts.getTranslation("board.card.nextTouch", Formats.dateTime(card.nextTouchAt())),
                    card.slaDueAt() == null ? null
                            : texts.getTranslation("board.card.slaDue", Formats.dateTime(card.slaDueAt())),
                    card.slaDueAt() != null && card.slaDueAt().isBefore(now));
        }

        /** Whether the same parts are present (and the owner the same): then the texts can be updated in place. */
        boolean sameLayout(Face other) {
            return other != null && (company == null) == (other.company == null)
                    && Objects.equals(doNotContact, other.doNotContact) && Objects.equals(moveTo, other.moveTo)
                    && Objects.equals(ownerInitials, other.ownerInitials) && Objects.equals(ownerName, other.ownerName)
                    && Objects.equals(nextTouch, other.nextTouch) && (slaText == null) == (other.slaText == null);
        }
    }
}
