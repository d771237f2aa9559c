package com.leadflow.cadence;

import java.io.Serializable;
import java.time.LocalDate;

/** One calendar day: how many automated emails and manual tasks are scheduled on it. */
public record DayCount(LocalDate day, int emails, int tasks) implements Serializable {

    public int total() {
        return emails + tasks;
    }
}
