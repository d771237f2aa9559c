package com.leadflow.contact;

/** The contact a web form or an API event named by email: which one, and whether it was created or changed. */
public record OutsideContactResult(long contactId, boolean created, boolean changed) {
}
