package com.leadflow.cadence;

import java.io.Serializable;

/**
 * One step of a cadence: an automated email (with a template) or a manual task, first due {@code delay} after
 * enrolment, then every {@code repeat} (none: once), at most {@code maxTouches} times (none: until the contact
 * leaves). {@code id} is null for a step not saved yet.
 */
public record CadenceStep(Long id, StepKind kind, TaskType taskType, Long templateId, int delayAmount,
                          IntervalUnit delayUnit, Integer repeatAmount, IntervalUnit repeatUnit, Integer maxTouches)
        implements Serializable {

    public boolean repeats() {
        return repeatAmount != null && repeatAmount > 0 && repeatUnit != null;
    }
}
