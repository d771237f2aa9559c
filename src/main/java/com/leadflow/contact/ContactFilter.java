package com.leadflow.contact;

import java.io.Serializable;
import java.time.Instant;

/** What the contact list is narrowed to; every part is optional. */
public record ContactFilter(String search, OwnerScope ownerScope, LifecycleStage lifecycleStage,
                            String funnelStage, ContactStatus status, FirstTouchSource source,
                            PreferredChannel channel, Drilldown drilldown) implements Serializable {

    public ContactFilter(String search, OwnerScope ownerScope, LifecycleStage lifecycleStage, String funnelStage,
                         ContactStatus status, FirstTouchSource source, PreferredChannel channel) {
        this(search, ownerScope, lifecycleStage, funnelStage, status, source, channel, null);
    }

    public static ContactFilter all() {
        return new ContactFilter(null, OwnerScope.ALL, null, null, null, null, null, null);
    }

    public ContactFilter withSearch(String newSearch) {
        return new ContactFilter(newSearch, ownerScope, lifecycleStage, funnelStage, status, source, channel, drilldown);
    }

    public ContactFilter withDrilldown(Drilldown newDrilldown) {
        return new ContactFilter(search, ownerScope, lifecycleStage, funnelStage, status, source, channel, newDrilldown);
    }

    /** Whose contacts: everybody's, mine, or my team's. */
    public enum OwnerScope { ALL, MINE, MY_TEAM }

    /**
     * A dashboard figure opened as a list (each part optional): contacts of a team, an owner, a first-touch
     * campaign or a segment, who entered a funnel stage (or a lifecycle stage) within [enteredFrom, enteredTo).
     */
    public record Drilldown(Long teamId, Long ownerId, String campaign, Long segmentId, String enteredStage,
                            Instant enteredFrom, Instant enteredTo, String enteredLifecycle) implements Serializable {
    }
}
