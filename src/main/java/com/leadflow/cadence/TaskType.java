package com.leadflow.cadence;

/** What a manual task asks the owner to do. */
public enum TaskType {
    CALL, MEETING, REVIEW
}
