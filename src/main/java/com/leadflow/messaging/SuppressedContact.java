package com.leadflow.messaging;

import java.io.Serializable;
import java.time.Instant;

/** One row of the suppression list: a contact that must not be mailed, and why. */
public record SuppressedContact(long contactId, String name, String email, String company, SuppressionReason reason,
                                String detail, Instant since) implements Serializable {
}
