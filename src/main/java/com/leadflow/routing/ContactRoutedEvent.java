package com.leadflow.routing;

import com.leadflow.base.live.LiveEvent;

/** Published when routing assigned or queued a contact, so open profiles, boards and the queue can follow. */
public record ContactRoutedEvent(long contactId, RoutingOutcome outcome, Long ownerId, Long teamId)
        implements LiveEvent {
}
