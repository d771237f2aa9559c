package com.leadflow.routing;

import java.io.Serializable;
import java.time.Instant;

/** One speed-to-lead clock: started at assignment, due after the target in working time, stopped at first contact. */
public record SlaClock(long id, long contactId, Long ownerId, Long teamId, Instant startedAt, Instant dueAt,
                       int targetMinutes, Instant stoppedAt, Instant breachedAt, Instant cancelledAt)
        implements Serializable {

    public boolean running() {
        return stoppedAt == null && cancelledAt == null;
    }

    /** Whether the first contact came in time (null while running or when it ended without contact). */
    public Boolean metTarget() {
        return stoppedAt == null ? null : !stoppedAt.isAfter(dueAt);
    }
}
