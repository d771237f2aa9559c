package com.leadflow.cadence;

/** Whose touches the calendar shows. */
public enum OwnerScope {
    MINE, TEAM, ALL
}
