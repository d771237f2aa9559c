package com.leadflow.cadence;

import java.io.Serializable;

/** A cadence in the list: its segment, whether that segment is suppressed, and how many contacts are enrolled. */
public record CadenceSummary(long id, String name, long segmentId, String segmentName, boolean segmentSuppressed,
                             int priority, boolean active, int steps, long enrolled) implements Serializable {
}
