package com.leadflow.cadence;

/** How a completed manual task went, as the person who did it records it. */
public enum TaskOutcome {
    REACHED, LEFT_MESSAGE, NO_ANSWER, MEETING_BOOKED, NOT_INTERESTED, OTHER
}
