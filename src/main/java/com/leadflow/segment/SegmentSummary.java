package com.leadflow.segment;

import java.io.Serializable;
import java.time.Instant;

/** A segment as the segment list shows it. */
public record SegmentSummary(long id, String systemKey, String name, String description, int memberCount,
                             boolean noCorrespondence, Instant updatedAt, Instant refreshedAt) implements Serializable {
}
