package com.leadflow.lifecycle;

import java.io.Serializable;
import java.time.Instant;

/** One move of a contact between lifecycle stages: by a rule ({@code movedBy} null) or by a person, with why. */
public record StageMove(long contactId, String fromStage, String toStage, Instant movedAt, String movedBy,
                        MoveCause cause, String reason) implements Serializable {
}
