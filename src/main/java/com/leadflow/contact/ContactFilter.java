package com.leadflow.contact;

import java.io.Serializable;

/** What the contact list is narrowed to; every part is optional. */
public record ContactFilter(String search, OwnerScope ownerScope, LifecycleStage lifecycleStage,
                            String funnelStage, ContactStatus status, FirstTouchSource source,
                            PreferredChannel channel) implements Serializable {

    public static ContactFilter all() {
        return new ContactFilter(null, OwnerScope.ALL, null, null, null, null, null);
    }

    public ContactFilter withSearch(String newSearch) {
        return new ContactFilter(newSearch, ownerScope, lifecycleStage, funnelStage, status, source, channel);
    }

    /** Whose contacts: everybody's, mine, or my team's. */
    public enum OwnerScope { ALL, MINE, MY_TEAM }
}
