package com.leadflow.cadence;

import java.io.Serializable;
import java.time.Instant;

/** One scheduled touch as the calendar and "My tasks" show it. */
public record TouchItem(long id, long contactId, String contactName, String company, long cadenceId,
                        String cadenceName, StepKind kind, TaskType taskType, String channel, Instant dueAt,
                        Long ownerId, String ownerName, TouchStatus status, String statusReason, String note,
                        String collidedWithCadence, long version) implements Serializable {

    public boolean open() {
        return status == TouchStatus.PLANNED || status == TouchStatus.DUE;
    }
}
