package com.leadflow.messaging;

/** Why a contact must not be mailed, as the suppression list shows it. */
public enum SuppressionReason {
    DO_NOT_CONTACT, UNSUBSCRIBED, BOUNCED, NO_CORRESPONDENCE_SEGMENT
}
