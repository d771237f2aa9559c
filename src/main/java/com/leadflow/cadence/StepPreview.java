package com.leadflow.cadence;

import java.io.Serializable;

/**
 * The next 30 days for one step: how many contacts get it and how many touches that makes; for emails, how many
 * will be held back (do-not-contact, no address, another preferred channel) or may collide with a
 * higher-priority cadence under the frequency cap.
 */
public record StepPreview(int position, StepKind kind, TaskType taskType, long contacts, long touches,
                          long suppressed, long mayCollide) implements Serializable {
}
