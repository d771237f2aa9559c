package com.leadflow.timeline;

import java.io.Serializable;
import java.time.Instant;

/**
 * A timeline entry as the timeline and the activity feed show it: with its contact's name (for the feed), whether
 * it is pinned, edited, or deleted (only ADMIN ever sees deleted entries, as a trace).
 */
public record TimelineItem(long id, long contactId, String contactName, ActivityType type, Instant occurredAt,
                           AuthorKind authorKind, Long authorUserId, String authorName, String summary,
                           String payload, boolean pinned, Instant editedAt, Instant deletedAt,
                           String deletedByName) implements Serializable {

    public ActivityKind kind() {
        return ActivityKind.of(type);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** Where the next page of an "older" list starts. */
    public TimelineCursor cursor() {
        return new TimelineCursor(occurredAt, id);
    }
}
