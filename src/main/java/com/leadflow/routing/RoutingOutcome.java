package com.leadflow.routing;

/** Where a routing decision left the lead: with a rep, or in the unassigned queue. */
public enum RoutingOutcome {
    ASSIGNED, QUEUED
}
