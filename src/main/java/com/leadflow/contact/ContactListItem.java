package com.leadflow.contact;

import java.io.Serializable;
import java.time.Instant;

/** One row of the contact list. */
public record ContactListItem(long id, String firstName, String lastName, String email, String company,
                              String ownerName, LifecycleStage lifecycleStage, String funnelStage,
                              ContactStatus status, FirstTouchSource source, PreferredChannel channel,
                              int score, Temperature temperature, Instant lastActivityAt,
                              boolean doNotContact) implements Serializable {

    public String fullName() {
        return firstName + " " + lastName;
    }
}
