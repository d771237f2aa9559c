package com.leadflow.messaging;

import java.io.Serializable;
import java.time.Instant;

/** One row of the send log: a message and what became of it. */
public record SentMail(long id, long contactId, String contactName, String toAddress, String subject, String status,
                       String transport, int attempts, Instant createdAt, Instant sentAt, String lastError)
        implements Serializable {
}
