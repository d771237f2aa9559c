package com.leadflow.timeline;

import com.leadflow.base.live.LiveEvent;

/** An existing entry was edited, pinned, unpinned or deleted: open timelines redraw it after commit. */
public record TimelineEntryChangedEvent(long activityId, long contactId) implements LiveEvent {
}
