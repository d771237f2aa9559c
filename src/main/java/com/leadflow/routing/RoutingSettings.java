package com.leadflow.routing;

import com.leadflow.contact.Temperature;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * Routing as a whole: on or off, the business time zone and hours (arrival conditions are read in that zone; the
 * SLA clock of a rep without own hours runs in these hours), SLA targets per temperature in working minutes, and
 * how early (in percent of the target) the owner is warned before a breach.
 */
public record RoutingSettings(boolean enabled, ZoneId zone, LocalTime businessStart, LocalTime businessEnd,
                              Set<DayOfWeek> businessDays, int hotMinutes, int warmMinutes, int coldMinutes,
                              int nearBreachPercent, long version) implements Serializable {

    public static final int MAX_SLA_MINUTES = 60 * 24 * 60;

    public WorkingHours businessHours() {
        return new WorkingHours(businessDays, businessStart, businessEnd, zone);
    }

    public int slaMinutes(Temperature temperature) {
        return switch (temperature) {
            case HOT -> hotMinutes;
            case WARM -> warmMinutes;
            case COLD -> coldMinutes;
        };
    }

    public RoutingSettings withEnabled(boolean on) {
        return new RoutingSettings(on, zone, businessStart, businessEnd, businessDays, hotMinutes, warmMinutes,
                coldMinutes, nearBreachPercent, version);
    }
}
