package com.leadflow.rules;

import java.io.Serializable;

/** A rule as stored and shared by segments, scoring, routing and lifecycle: a schema version and a tree. */
public record Rule(int schemaVersion, RuleNode root) implements Serializable {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public static Rule of(RuleNode root) {
        return new Rule(CURRENT_SCHEMA_VERSION, root);
    }
}
