package com.leadflow.routing;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When someone works: weekdays and a daily window (start before end, same day) in a time zone. Without a window
 * ({@code start == null}) every moment counts as working time. Used for a rep's availability and for the SLA
 * clock, which only runs during working time.
 */
public record WorkingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) implements Serializable {

    public WorkingHours {
        days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : Collections.unmodifiableSet(EnumSet.copyOf(days));
        if ((start == null) != (end == null)) {
            throw new IllegalArgumentException("start and end go together");
        }
        if (start != null && !start.isBefore(end)) {
            throw new IllegalArgumentException("the working day must start before it ends");
        }
    }

    public static WorkingHours always(ZoneId zone) {
        return new WorkingHours(null, null, null, zone);
    }

    public boolean hasWindow() {
        return start != null;
    }

    public boolean isOpen(Instant at) {
        if (start == null) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
    }

    /** The moment {@code minutes} of working time after {@code from} have passed. */
    public Instant plusWorkingMinutes(Instant from, long minutes) {
        if (start == null) {
            return from.plus(Duration.ofMinutes(minutes));
        }
        Duration left = Duration.ofMinutes(minutes);
        ZonedDateTime at = from.atZone(zone);
        for (int guard = 0; guard < 3700; guard++) { // about ten years of days: a target that long is refused earlier
            LocalDate day = at.toLocalDate();
            ZonedDateTime open = day.atTime(start).atZone(zone);
            ZonedDateTime close = day.atTime(end).atZone(zone);
            if (!days.contains(day.getDayOfWeek()) || !at.isBefore(close)) {
                at = day.plusDays(1).atTime(start).atZone(zone);
                continue;
            }
            if (at.isBefore(open)) {
                at = open;
            }
            Duration today = Duration.between(at, close);
            if (left.compareTo(today) <= 0) {
                return at.plus(left).toInstant();
            }
            left = left.minus(today);
            at = day.plusDays(1).atTime(start).atZone(zone);
        }
        throw new IllegalStateException("no working time found after " + from);
    }

    /** Weekdays as stored: ISO numbers, comma separated ("1,2,3,4,5"). */
    public static Set<DayOfWeek> parseDays(String stored) {
        if (stored == null || stored.isBlank()) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        return Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> DayOfWeek.of(Integer.parseInt(s)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }

    public static String formatDays(Set<DayOfWeek> days) {
        return days == null || days.isEmpty() ? null
                : days.stream().sorted().map(d -> String.valueOf(d.getValue())).collect(Collectors.joining(","));
    }
}
