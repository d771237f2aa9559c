package com.leadflow.segment;

/**
 * Published inside the transaction that changed a segment's members (added for cadences, which enrol on entry
 * and end enrolments on exit): {@code contactId} is the one contact that entered or left, or {@code null} when a
 * set-based refresh changed many at once.
 */
public record SegmentMembershipChangedEvent(long segmentId, Long contactId) {
}
