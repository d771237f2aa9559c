package com.leadflow.contact;

import java.util.Map;

/** The whitelist of sortable list columns and the SQL each one sorts by. */
public enum ContactSort {
    NAME("c.last_name %1$s, c.first_name %1$s"),
    COMPANY("c.company %1$s"),
    LIFECYCLE_STAGE("c.lifecycle_stage %1$s"),
    FUNNEL_STAGE("c.funnel_stage %1$s"),
    STATUS("c.status %1$s"),
    SCORE("c.score %1$s"),
    LAST_ACTIVITY("c.last_activity_at %1$s"),
    CREATED("c.created_at %1$s");

    private final String sqlPattern;

    ContactSort(String sqlPattern) {
        this.sqlPattern = sqlPattern;
    }

    String orderBy(boolean ascending) {
        String direction = ascending ? "ASC" : "DESC";
        return sqlPattern.formatted(direction) + ", c.id " + direction;
    }

    /** The grid's column keys, so a sort request can only name a whitelisted column. */
    public static final Map<String, ContactSort> BY_KEY = Map.of(
            "name", NAME, "company", COMPANY, "lifecycleStage", LIFECYCLE_STAGE, "funnelStage", FUNNEL_STAGE,
            "status", STATUS, "score", SCORE, "lastActivity", LAST_ACTIVITY, "created", CREATED);
}
