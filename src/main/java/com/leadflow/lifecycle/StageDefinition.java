package com.leadflow.lifecycle;

import com.leadflow.contact.LifecycleStage;
import com.leadflow.rules.Rule;

import java.io.Serializable;
import java.time.Instant;

/**
 * A lifecycle stage as marketing defines it: its place in the order, the rule a contact must match to be moved into
 * it automatically (null for the first stage, where every contact starts), whether automation uses it, its own names
 * in English and Russian (both null: the built-in name) and description, and how many contacts are in it now.
 */
public record StageDefinition(LifecycleStage stage, int position, Rule entryRule, boolean enabled, long version,
                              Instant updatedAt, String nameEn, String nameRu, String description, long memberCount)
        implements Serializable {
}
