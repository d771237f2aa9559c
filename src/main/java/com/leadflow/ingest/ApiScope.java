package com.leadflow.ingest;

/** What an API key may do: send events, submit web forms, and create contacts for unknown emails in events. */
public enum ApiScope {
    EVENTS, FORMS, CREATE_CONTACTS
}
