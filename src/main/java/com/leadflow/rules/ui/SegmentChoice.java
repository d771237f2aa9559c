package com.leadflow.rules.ui;

import java.io.Serializable;

/** A segment that a "member of segment" condition of the {@link RuleBuilder} can pick: its id and its name. */
public record SegmentChoice(long id, String name) implements Serializable {
}
