package com.leadflow.funnel;

import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.Temperature;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/** What a board card shows of one contact, and the version a move from it is checked against. */
public record BoardCard(long id, long version, String firstName, String lastName, String company, int score,
                        Temperature temperature, Long ownerId, Long teamId, String ownerName, String stage,
                        ContactStatus status, Instant stageEnteredAt, Instant nextTouchAt, Instant slaDueAt,
                        boolean doNotContact, boolean movable) implements Serializable {

    /** The same card, movable or not by whoever looks at it. */
    public BoardCard movable(boolean movableByViewer) {
        return new BoardCard(id, version, firstName, lastName, company, score, temperature, ownerId, teamId, ownerName,
                stage, status, stageEnteredAt, nextTouchAt, slaDueAt, doNotContact, movableByViewer);
    }

    public String name() {
        return firstName + " " + lastName;
    }

    /** The owner's initials ("Sam Rivera" → "SR"), or empty when nobody owns the contact. */
    public String ownerInitials() {
        if (ownerName == null || ownerName.isBlank()) {
            return "";
        }
        StringBuilder initials = new StringBuilder();
        for (String part : ownerName.trim().split("\\s+")) {
            if (initials.length() < 2) {
                initials.appendCodePoint(part.codePointAt(0));
            }
        }
        return initials.toString().toUpperCase();
    }

    public long daysInStage(Instant now) {
        return Math.max(0, Duration.between(stageEnteredAt, now).toDays());
    }

    /** Whether {@code other} sorts where this card does (so it keeps its place in a column sorted by {@code sort}). */
    public boolean sameSortKey(BoardCard other, BoardSort sort) {
        return id == other.id && switch (sort) {
            case SCORE -> score == other.score;
            case DAYS_IN_STAGE -> stageEnteredAt.equals(other.stageEnteredAt);
        };
    }

    /** Whether this card comes before {@code other} in a column sorted by {@code sort}. */
    public boolean before(BoardCard other, BoardSort sort) {
        return switch (sort) {
            case SCORE -> score != other.score ? score > other.score : id > other.id;
            case DAYS_IN_STAGE -> !stageEnteredAt.equals(other.stageEnteredAt)
                    ? stageEnteredAt.isBefore(other.stageEnteredAt) : id < other.id;
        };
    }
}
