package com.leadflow.cadence;

import java.io.Serializable;

/**
 * What the calendar shows: whose touches ({@code MINE}, a {@code TEAM} — {@code teamId}, or the user's own team
 * when null — or {@code ALL}), optionally one cadence, one segment's cadences, one kind.
 */
public record CalendarFilter(OwnerScope scope, Long teamId, Long cadenceId, Long segmentId, StepKind kind)
        implements Serializable {

    public static CalendarFilter all() {
        return new CalendarFilter(OwnerScope.ALL, null, null, null, null);
    }
}
