package com.leadflow.messaging;

/**
 * Published inside the transaction that set a contact to do-not-contact because of an unsubscribe link or a
 * bounce: cadences end the contact's enrolments in that same transaction.
 */
public record ContactSuppressedEvent(long contactId, SuppressionReason reason) {
}
