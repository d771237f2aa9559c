package com.leadflow.notification;

import com.leadflow.base.live.LiveEvent;

/** A user has a new notification: their bell updates after commit. */
public record NotificationCreatedEvent(long notificationId, long userId) implements LiveEvent {
}
