package com.leadflow.timeline;

import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Writes and reads the contact timeline; writes join the caller's transaction so change and entry commit together. */
@Service
@PreAuthorize("isAuthenticated()")
public class TimelineService {

    private final ActivityRepository activities;
    private final CurrentUserProvider currentUser;
    private final ApplicationEventPublisher events;

    TimelineService(ActivityRepository activities, CurrentUserProvider currentUser, ApplicationEventPublisher events) {
        this.activities = activities;
        this.currentUser = currentUser;
        this.events = events;
    }

    /** Records a change made by whoever is calling (a person, or the system when nobody is logged in). */
    @PreAuthorize("permitAll()") // also the system's own changes, with nobody logged in
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordChange(long contactId, ActivityType type, String summary, String payloadJson) {
        Optional<CurrentUser> user = currentUser.find();
        Activity saved = activities.save(new Activity(contactId, type, Instant.now(),
                user.isPresent() ? AuthorKind.USER : AuthorKind.SYSTEM,
                user.map(CurrentUser::id).orElse(null), user.map(CurrentUser::displayName).orElse(null),
                summary, payloadJson));
        published(saved);
    }

    /** Every write path announces its entry, so open screens and the speed-to-lead clock can follow. */
    private void published(Activity saved) {
        events.publishEvent(new ActivityRecordedEvent(saved.getId(), saved.getContactId(), saved.getType(),
                saved.getAuthorKind(), saved.getAuthorUserId(), saved.getOccurredAt()));
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> latest(long contactId, int limit) {
        return activities.findByContactIdOrderByOccurredAtDescIdDesc(contactId, PageRequest.of(0, limit)).stream()
                .map(a -> new TimelineEntry(a.getId(), a.getContactId(), a.getType(), a.getOccurredAt(),
                        a.getAuthorKind(), a.getAuthorLabel(), a.getSummary(), a.getPayload()))
                .toList();
    }
}
