package com.leadflow.timeline;

import com.leadflow.base.live.LiveEvent;

import java.time.Instant;

/**
 * Published inside the transaction that wrote a timeline entry: open timelines and feeds show it after commit,
 * and the speed-to-lead clock stops at a person's first call, meeting or email.
 */
public record ActivityRecordedEvent(long activityId, long contactId, ActivityType type, AuthorKind authorKind,
                                    Long authorUserId, Instant occurredAt) implements LiveEvent {
}
