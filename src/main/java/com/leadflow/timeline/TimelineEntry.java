package com.leadflow.timeline;

import java.io.Serializable;
import java.time.Instant;

/** A timeline entry as views show it. */
public record TimelineEntry(long id, long contactId, ActivityType type, Instant occurredAt, AuthorKind authorKind,
                            String authorName, String summary, String payload) implements Serializable {
}
