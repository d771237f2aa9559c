package com.leadflow.cadence;

import com.leadflow.base.live.LiveEvent;

/**
 * Scheduled touches changed: one ({@code touchId} set, with the owner it now belongs to) or many at once
 * ({@code touchId} null, after a scheduler run or an enrolment change). Calendars and task lists follow it.
 */
public record TouchChangedEvent(Long touchId, Long ownerId) implements LiveEvent {

    static TouchChangedEvent many() {
        return new TouchChangedEvent(null, null);
    }
}
