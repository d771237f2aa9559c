package com.leadflow.messaging;

import com.leadflow.base.live.LiveEvent;

/**
 * What became of one outbox message, published in the transaction that recorded it: the cadence marks its touch
 * done, failed or skipped, and the send log on screen follows.
 */
public record EmailOutcomeEvent(long outboxId, Long touchId, long contactId, Outcome outcome, String reason)
        implements LiveEvent {

    public enum Outcome { SENT, FAILED, SUPPRESSED }
}
