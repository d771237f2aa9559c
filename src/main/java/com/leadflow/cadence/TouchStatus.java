package com.leadflow.cadence;

/** Where a scheduled touch stands; CANCELLED when the contact left the cadence before it was due. */
public enum TouchStatus {
    PLANNED, DUE, DONE, SKIPPED, FAILED, CANCELLED
}
