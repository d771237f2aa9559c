package com.leadflow.lifecycle;

import com.leadflow.contact.LifecycleStage;

import java.io.Serializable;
import java.util.List;

/**
 * What the current user may do to move one contact back: its stage now and the earlier stages it may go to
 * (empty when they may not edit the contact or it is already at the start).
 */
public record MoveBackChoice(long contactId, LifecycleStage current, List<LifecycleStage> targets)
        implements Serializable {

    public MoveBackChoice {
        targets = List.copyOf(targets);
    }

    public boolean possible() {
        return !targets.isEmpty();
    }
}
