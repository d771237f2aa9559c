package com.leadflow.routing;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A stored routing decision as the profile and the history show it. */
public record Assignment(long id, long contactId, Instant decidedAt, RoutingCause cause, RoutingOutcome outcome,
                         String ruleName, Long teamId, String teamName, Long ownerId, String ownerName,
                         String previousOwnerName, List<ExplanationLine> explanation, String reason,
                         String decidedByName) implements Serializable {
}
