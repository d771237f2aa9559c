package com.leadflow.lifecycle;

/** What moved a contact: an entry rule (forward only) or a person (back, with a reason). */
public enum MoveCause {
    RULE, MANUAL
}
