package com.leadflow.routing;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * How routing treats one sales rep: relative weight in the team's round-robin (0: gets no leads), capacity (the most
 * open leads they may hold; null: no limit), the away switch and working hours (no start: no fixed hours, in
 * {@code zone}, or the business time zone when null).
 */
public record RepSettings(long userId, String displayName, Long teamId, String teamName, int weight, Integer capacity,
                          boolean away, LocalTime workStart, LocalTime workEnd, Set<DayOfWeek> workDays, ZoneId zone,
                          long version) implements Serializable {

    public static final int MAX_WEIGHT = 100;

    public RepSettings {
        workDays = workDays == null ? Set.of() : Set.copyOf(workDays);
    }

    public WorkingHours hours(ZoneId businessZone) {
        return new WorkingHours(workDays, workStart, workEnd, zone != null ? zone : businessZone);
    }
}
