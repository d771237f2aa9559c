package com.leadflow.messaging;

import com.leadflow.base.live.LiveEvent;

/**
 * Published at the end of the transaction that recorded one sender batch ({@code touches}: how many of its
 * messages belonged to cadence touches), so cadences plan what follows once per batch instead of per message, and
 * the send log on screen refreshes once per batch.
 */
public record EmailBatchRecordedEvent(int messages, int touches) implements LiveEvent {
}
