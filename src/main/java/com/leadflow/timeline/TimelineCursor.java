package com.leadflow.timeline;

import java.io.Serializable;
import java.time.Instant;

/** A position in a newest-first list: the next page holds entries strictly older than this one. */
public record TimelineCursor(Instant occurredAt, long id) implements Serializable {
}
