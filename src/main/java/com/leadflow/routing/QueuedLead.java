package com.leadflow.routing;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A lead in the unassigned queue: who, since when, for which team, and why nobody took it. */
public record QueuedLead(long contactId, String name, String company, String temperature, Instant queuedAt,
                         String teamName, String ruleName, List<ExplanationLine> explanation) implements Serializable {
}
