package com.leadflow.contact;

import com.leadflow.base.live.LiveEvent;

/**
 * Published after a contact was created, changed or deleted, so open screens and rules can follow.
 * {@code batched}: the contact was re-evaluated with a batch of others ({@link ContactBatchReevaluator}: score,
 * lifecycle stage, segments, cadence enrolment), so those listeners leave it alone and only the others (routing,
 * open screens) react one by one.
 */
public record ContactChangedEvent(long contactId, Kind kind, boolean batched) implements LiveEvent {

    public ContactChangedEvent(long contactId, Kind kind) {
        this(contactId, kind, false);
    }

    public enum Kind { CREATED, UPDATED, DELETED }
}
