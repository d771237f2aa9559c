package com.leadflow.contact;

/** Why a contact was lost; lost leads come back, and the reason decides when. */
public enum LostReason {
    BUDGET, TIMING, COMPETITOR, NO_NEED, NO_RESPONSE, OTHER
}
