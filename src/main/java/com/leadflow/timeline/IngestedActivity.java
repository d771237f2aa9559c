package com.leadflow.timeline;

import java.time.Instant;

/** One validated event from the ingestion API, ready to land on a timeline; {@code externalId} may be null. */
public record IngestedActivity(long contactId, ActivityType type, Instant occurredAt, String summary,
                               String payloadJson, String externalId) {
}
