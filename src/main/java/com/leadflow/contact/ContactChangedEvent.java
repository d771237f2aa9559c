package com.leadflow.contact;

import com.leadflow.base.live.LiveEvent;

/** Published after a contact was created, changed or deleted, so open screens and rules can follow. */
public record ContactChangedEvent(long contactId, Kind kind) implements LiveEvent {

    public enum Kind { CREATED, UPDATED, DELETED }
}
