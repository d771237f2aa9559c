package com.leadflow.contact;

/**
 * The built-in reasons a contact is lost (the first rows of the editable {@code lost_reason} list, which holds the
 * reasons people choose from); lost leads come back, and the reason decides when.
 */
public enum LostReason {
    BUDGET, TIMING, COMPETITOR, NO_NEED, NO_RESPONSE, OTHER
}
