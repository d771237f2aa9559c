package com.leadflow.routing;

/** Why routing looked at a contact. */
public enum RoutingCause {
    /** A new contact without an owner. */
    CREATED,
    /** A lost or unqualified contact came back to the funnel (status back to OPEN). */
    REENTRY,
    /** Somebody asked for the rules to be applied again. */
    ROUTE_AGAIN,
    /** Somebody chose the owner by hand. */
    MANUAL,
    /** The scheduler tried a queued lead again. */
    QUEUE_RETRY,
    /** The SLA clock ran out and the rule says to re-route. */
    SLA_BREACH
}
