package com.leadflow.cadence;

/** Automated email (a template) or manual task (for the contact's owner). */
public enum StepKind {
    EMAIL, TASK
}
