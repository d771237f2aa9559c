package com.leadflow.cadence;

import java.io.Serializable;
import java.util.List;

/** A cadence as the editor edits it; {@code id} is null for a new one. Priority 1 wins frequency-cap collisions. */
public record CadenceForm(Long id, String systemKey, String name, String description, Long segmentId, int priority,
                          boolean active, List<CadenceStep> steps, long version) implements Serializable {
}
