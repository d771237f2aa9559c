package com.leadflow.contact;

import com.leadflow.base.live.LiveEvent;

/**
 * Published after a contact was created, changed or deleted, so open screens and rules can follow.
 * {@code rulesDecided}: its score, lifecycle stage and segments were already re-evaluated with a batch
 * ({@link ContactBatchReevaluator}), so the rule listeners leave it alone and only the others react.
 */
public record ContactChangedEvent(long contactId, Kind kind, boolean rulesDecided) implements LiveEvent {

    public ContactChangedEvent(long contactId, Kind kind) {
        this(contactId, kind, false);
    }

    public enum Kind { CREATED, UPDATED, DELETED }
}
