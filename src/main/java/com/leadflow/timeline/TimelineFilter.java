package com.leadflow.timeline;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a timeline or the feed shows: some kinds of entries (all when empty), and optionally one author — a person
 * ({@code authorUserId}), or every entry of the system or of API keys ({@code authorKind}).
 */
public record TimelineFilter(Set<ActivityKind> kinds, AuthorKind authorKind, Long authorUserId)
        implements Serializable {

    public static final TimelineFilter ALL = new TimelineFilter(EnumSet.noneOf(ActivityKind.class), null, null);

    public TimelineFilter {
        kinds = kinds == null || kinds.isEmpty() ? EnumSet.noneOf(ActivityKind.class) : EnumSet.copyOf(kinds);
    }

    public static TimelineFilter byPerson(long userId) {
        return new TimelineFilter(null, null, userId);
    }
}
