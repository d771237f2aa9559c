package com.leadflow.messaging;

import java.io.Serializable;
import java.util.Locale;

/** What the public unsubscribe page shows for a valid link: whose address (partly hidden), in which language. */
public record UnsubscribeRequest(long contactId, String maskedEmail, Locale language, boolean alreadyUnsubscribed)
        implements Serializable {
}
