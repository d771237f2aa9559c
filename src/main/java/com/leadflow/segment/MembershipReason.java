package com.leadflow.segment;

/** Why a contact entered or left a segment; shown on the history and the timeline. */
public enum MembershipReason {
    SEGMENT_CREATED, RULE_CHANGED, CONTACT_CHANGED, TIME_PASSED, FULL_REFRESH
}
