package com.leadflow.routing;

import com.leadflow.rules.Rule;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;

/**
 * One routing rule: contact conditions in the shared rule language (null: any contact), arrival conditions that the
 * rule language has no words for (weekdays and a time window in the business time zone, a landing page text found
 * in the first-touch context), and a target — a team (weighted round-robin), a rep, or neither (the queue). The
 * default rule has no conditions and is always last. {@code slaMinutes} overrides the SLA by temperature.
 */
public record RoutingRule(Long id, String name, boolean enabled, boolean isDefault, Rule condition,
                          Set<DayOfWeek> arrivalDays, LocalTime arrivalFrom, LocalTime arrivalTo,
                          String landingPageContains, Long targetTeamId, Long targetUserId, Integer slaMinutes,
                          boolean rerouteOnBreach, long version) implements Serializable {

    public RoutingRule {
        arrivalDays = arrivalDays == null ? Set.of() : Set.copyOf(arrivalDays);
    }

    /** Whether a lead arriving at {@code at} meets the weekday and time-of-day conditions (read in {@code zone}). */
    public boolean arrivalMatches(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        if (!arrivalDays.isEmpty() && !arrivalDays.contains(local.getDayOfWeek())) {
            return false;
        }
        if (arrivalFrom == null || arrivalTo == null) {
            return true;
        }
        LocalTime time = local.toLocalTime();
        // a window like 18:00-09:00 wraps midnight
        return arrivalFrom.isBefore(arrivalTo)
                ? !time.isBefore(arrivalFrom) && time.isBefore(arrivalTo)
                : !time.isBefore(arrivalFrom) || time.isBefore(arrivalTo);
    }

    /** Whether the first-touch context (where the lead landed and came from) contains the landing page text. */
    public boolean landingPageMatches(String firstTouchContext) {
        if (landingPageContains == null || landingPageContains.isBlank()) {
            return true;
        }
        return firstTouchContext != null && firstTouchContext.toLowerCase(Locale.ROOT)
                .contains(landingPageContains.trim().toLowerCase(Locale.ROOT));
    }

    public boolean hasTarget() {
        return targetTeamId != null || targetUserId != null;
    }
}
