package com.leadflow.contact;

/** Where a contact stands overall: open, won, lost (with a reason) or unqualified. */
public enum ContactStatus {
    OPEN, WON, LOST, UNQUALIFIED
}
