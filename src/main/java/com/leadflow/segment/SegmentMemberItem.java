package com.leadflow.segment;

import java.io.Serializable;
import java.time.Instant;

/** A current member of a segment, as the members grid shows it. */
public record SegmentMemberItem(long contactId, String name, String company, String lifecycleStage, String status,
                                Instant enteredAt) implements Serializable {
}
