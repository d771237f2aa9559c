package com.leadflow.timeline;

import com.leadflow.base.live.LiveEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who has which contact open right now, on this node: a profile registers its screen when it shows a contact and
 * unregisters when it leaves; every change is announced at once so the other viewers' "also viewing" line updates.
 */
@Component
public class ContactViewers {

    /** The viewers of one contact changed. Published outside any transaction, so screens hear it at once. */
    public record ViewersChangedEvent(long contactId) implements LiveEvent {
    }

    /** One open screen: which UI of which session, and whose. */
    public record Viewer(String screenId, long userId, String displayName) {
    }

    private final Map<Long, Set<Viewer>> byContact = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    ContactViewers(ApplicationEventPublisher events) {
        this.events = events;
    }

    public void enter(long contactId, Viewer viewer) {
        byContact.computeIfAbsent(contactId, id -> ConcurrentHashMap.newKeySet()).add(viewer);
        events.publishEvent(new ViewersChangedEvent(contactId));
    }

    public void leave(long contactId, Viewer viewer) {
        Set<Viewer> viewers = byContact.get(contactId);
        if (viewers != null && viewers.remove(viewer)) {
            byContact.computeIfPresent(contactId, (id, set) -> set.isEmpty() ? null : set);
            events.publishEvent(new ViewersChangedEvent(contactId));
        }
    }

    /** The other people looking at this contact (one name per person, however many tabs they have open). */
    public List<String> othersViewing(long contactId, long myUserId) {
        return byContact.getOrDefault(contactId, Set.of()).stream()
                .filter(v -> v.userId() != myUserId)
                .map(Viewer::displayName).distinct().sorted().toList();
    }
}
