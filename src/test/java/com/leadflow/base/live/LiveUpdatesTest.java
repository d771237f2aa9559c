package com.leadflow.base.live;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactChangedEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A screen hears committed changes while it is attached, never rolled-back ones, and stops when detached. */
class LiveUpdatesTest extends AbstractViewTest {

    @Autowired
    LiveUpdates live;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void followsCommittedEventsOfItsTypeWhileAttached() {
        int before = live.followerCount();
        List<Long> seen = new ArrayList<>();
        Div screen = new Div();
        live.follow(screen, ContactChangedEvent.class, e -> seen.add(e.contactId()));
        assertThat(live.followerCount()).isEqualTo(before);

        UI.getCurrent().add(screen);
        assertThat(live.followerCount()).isEqualTo(before + 1);

        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        tx.executeWithoutResult(status -> {
            events.publishEvent(new ContactChangedEvent(1, ContactChangedEvent.Kind.UPDATED));
            assertThat(seen).as("nothing before commit").isEmpty();
        });
        tx.executeWithoutResult(status -> {
            events.publishEvent(new ContactChangedEvent(2, ContactChangedEvent.Kind.UPDATED));
            status.setRollbackOnly();
        });
        events.publishEvent(new OtherEvent()); // another type: not for this screen
        events.publishEvent(new ContactChangedEvent(3, ContactChangedEvent.Kind.CREATED)); // outside a transaction
        MockVaadin.clientRoundtrip(false);
        assertThat(seen).containsExactly(1L, 3L);

        UI.getCurrent().remove(screen);
        assertThat(live.followerCount()).isEqualTo(before);
        events.publishEvent(new ContactChangedEvent(4, ContactChangedEvent.Kind.UPDATED));
        MockVaadin.clientRoundtrip(false);
        assertThat(seen).containsExactly(1L, 3L);

        UI.getCurrent().add(screen); // attached again: follows again
        events.publishEvent(new ContactChangedEvent(5, ContactChangedEvent.Kind.UPDATED));
        MockVaadin.clientRoundtrip(false);
        assertThat(seen).containsExactly(1L, 3L, 5L);
        UI.getCurrent().remove(screen);
    }

    record OtherEvent() implements LiveEvent {
    }
}
