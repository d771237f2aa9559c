package com.leadflow.funnel.ui;

import com.leadflow.funnel.BoardCard;
import com.leadflow.funnel.FunnelStage;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.MenuItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

/**
 * The "Move to…" menu of one column, shared by all its cards: it opens from a card's move button and moves that
 * card. One menu per column instead of one per card keeps an open board small (and cheap to re-render live).
 */
class ColumnMoveMenu extends ContextMenu {

    /** The CSS class of a card's move button; a click elsewhere on a card never opens the menu. */
    static final String BUTTON_CLASS = "board-card-move";

    private final LongFunction<Optional<BoardCard>> cardsShown;
    private long forContactId;

    ColumnMoveMenu(Component cardList, FunnelStage column, List<FunnelStage> targets,
                   LongFunction<Optional<BoardCard>> cardsShown, BiConsumer<BoardCard, FunnelStage> moveTo) {
        this.cardsShown = cardsShown;
        setTarget(cardList);
        setOpenOnClick(true);
        setId("move-menu-" + column.code());
        for (FunnelStage target : targets) {
            if (!target.code().equals(column.code())) {
                // the card as shown now (a live update may have changed it since the menu opened)
                MenuItem item = addItem(getTranslation("board.card.moveToStage", target.name(getLocale())),
                        e -> cardsShown.apply(forContactId).ifPresent(card -> moveTo.accept(card, target)));
                item.setId("move-" + column.code() + "-" + target.code());
            }
        }
        // the browser tells which card's button was clicked; clicks anywhere else are left to the card
        cardList.getElement().addAttachListener(e -> cardList.getElement().executeJs("""
                this.preventContextMenu = e => !e.target.closest('.%1$s');
                this.getContextMenuBeforeOpenDetail = e => {
                    const card = e.target.closest('.%1$s')?.closest('[data-contact-id]');
                    return card ? {contactId: card.dataset.contactId} : {};
                };""".formatted(BUTTON_CLASS)));
    }

    @Override
    protected boolean onBeforeOpenMenu(ObjectNode detail) {
        JsonNode id = detail == null ? null : detail.get("contactId");
        return id != null && openFor(Long.parseLong(id.asString()));
    }

    /** Prepares the menu for the card of this contact, if the column shows it and it may be moved. */
    boolean openFor(long contactId) {
        forContactId = contactId;
        return cardsShown.apply(contactId).filter(BoardCard::movable).isPresent();
    }
}
