package com.leadflow.contact;

/**
 * Published inside the deleting transaction, just before a contact's row goes: its dependent rows go with it by
 * foreign key (and MariaDB fires no trigger for those), so a feature that keeps figures over them — a segment's
 * member count — adjusts them here.
 */
public record ContactDeletingEvent(long contactId) {
}
