package com.leadflow.cadence;

/**
 * Where a scheduled touch stands; CANCELLED when the contact left the cadence before it was due. PROJECTED is never
 * stored: a later repeat of an open touch, computed from the step timing for the week view (see
 * {@code TouchService.projected}).
 */
public enum TouchStatus {
    PLANNED, DUE, DONE, SKIPPED, FAILED, CANCELLED, PROJECTED
}
