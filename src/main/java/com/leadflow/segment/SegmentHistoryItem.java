package com.leadflow.segment;

import java.io.Serializable;
import java.time.Instant;

/** One stay of a contact in a segment: when and why it entered, and when and why it left. */
public record SegmentHistoryItem(long segmentId, String segmentName, long contactId, String contactName,
                                 Instant enteredAt, String entryReason, Instant exitedAt, String exitReason)
        implements Serializable {
}
