package com.leadflow.contact;

/** What an import does with a row whose email is already a contact's, and with a new one. */
public enum ContactImportMode {
    /** New emails become contacts; known emails update the contact with the file's non-empty values. */
    CREATE_AND_UPDATE,
    /** New emails become contacts; known emails are skipped as duplicates. */
    CREATE_ONLY,
    /** Known emails are updated; new emails are skipped. */
    UPDATE_ONLY
}
