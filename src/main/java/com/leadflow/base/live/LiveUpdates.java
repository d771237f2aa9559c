package com.leadflow.base.live;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Server push for every screen: a component follows one kind of {@link LiveEvent} while it is attached, and its
 * handler runs inside {@code UI.access} after the change committed (or at once when it was published outside a
 * transaction). Following starts on attach and ends on detach, so closed tabs never leak listeners.
 */
@org.springframework.stereotype.Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    private final Set<Follower<?>> followers = ConcurrentHashMap.newKeySet();

    /** While {@code owner} is attached, {@code handler} sees every committed event of {@code type}, in its UI. */
    public <E extends LiveEvent> void follow(Component owner, Class<E> type, Consumer<E> handler) {
        owner.addAttachListener(attach -> {
            Follower<E> follower = new Follower<>(attach.getUI(), type, handler);
            followers.add(follower);
            Registration[] detach = new Registration[1];
            detach[0] = owner.addDetachListener(e -> {
                followers.remove(follower);
                detach[0].remove();
            });
        });
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void deliver(LiveEvent event) {
        for (Follower<?> follower : followers) {
            follower.offer(event);
        }
    }

    /** How many screens follow events right now (for tests and the health of the push machinery). */
    public int followerCount() {
        return followers.size();
    }

    private record Follower<E extends LiveEvent>(UI ui, Class<E> type, Consumer<E> handler) {

        void offer(LiveEvent event) {
            if (!type.isInstance(event)) {
                return;
            }
            E typed = type.cast(event);
            try {
                ui.access(() -> handler.accept(typed));
            } catch (com.vaadin.flow.component.UIDetachedException e) {
                // the tab closed between the event and the push; its detach listener removes the follower
            } catch (RuntimeException e) {
                log.warn("Could not push {} to a screen", event.getClass().getSimpleName(), e);
            }
        }
    }
}
