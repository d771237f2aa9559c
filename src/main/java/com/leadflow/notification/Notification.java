package com.leadflow.notification;

import java.time.Instant;
import java.util.List;

/** One message for one user; {@code messageKey} and {@code params} are translated in the reader's language. */
public record Notification(long id, long userId, Long contactId, String kind, String messageKey, List<String> params,
                           Instant createdAt, Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }
}
