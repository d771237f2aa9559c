package com.leadflow.funnel;

/** A move from a stale card: someone else changed the contact since the card was shown; nothing was written. */
public class FunnelMoveConflictException extends RuntimeException {

    private final String currentStage;

    public FunnelMoveConflictException(long contactId, String currentStage) {
        super("Contact " + contactId + " was changed by someone else; it is now in " + currentStage);
        this.currentStage = currentStage;
    }

    public String currentStage() {
        return currentStage;
    }
}
