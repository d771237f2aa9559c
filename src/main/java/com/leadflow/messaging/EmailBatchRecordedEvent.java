package com.leadflow.messaging;

/**
 * Published at the end of the transaction that recorded one sender batch ({@code touches}: how many of its
 * messages belonged to cadence touches), so cadences plan what follows once per batch instead of per message.
 */
public record EmailBatchRecordedEvent(int messages, int touches) {
}
