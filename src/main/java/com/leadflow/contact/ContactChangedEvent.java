package com.leadflow.contact;

/** Published after a contact was created, changed or deleted, so open screens and rules can follow. */
public record ContactChangedEvent(long contactId, Kind kind) {

    public enum Kind { CREATED, UPDATED, DELETED }
}
