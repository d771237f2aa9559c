package com.leadflow.funnel;

import com.leadflow.base.live.LiveEvent;

/**
 * A contact moved from one funnel stage (and status) to another; {@code fromStage} is null when it was just
 * created. Boards adjust their column counts from it without counting again.
 */
public record FunnelStageChangedEvent(long contactId, String fromStage, String fromStatus, String toStage,
                                      String toStatus) implements LiveEvent {
}
