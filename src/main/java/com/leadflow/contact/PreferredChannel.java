package com.leadflow.contact;

/** The channel a contact prefers to be reached on. */
public enum PreferredChannel {
    EMAIL, PHONE, SMS_MESSENGER, SOCIAL
}
