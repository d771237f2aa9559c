package com.leadflow.routing;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingHoursTest {

    private static final WorkingHours OFFICE = new WorkingHours(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
            ZoneId.of("Europe/Moscow"));

    @Test
    void workingMinutesSkipNightsAndWeekends() {
        // Friday 17:50 in Moscow (14:50 UTC) + 15 working minutes = Monday 09:05 Moscow
        assertThat(OFFICE.plusWorkingMinutes(Instant.parse("2026-11-27T14:50:00Z"), 15))
                .isEqualTo(Instant.parse("2026-11-30T06:05:00Z"));
        // a lead arriving at night starts the clock at opening time
        assertThat(OFFICE.plusWorkingMinutes(Instant.parse("2026-11-23T20:00:00Z"), 15))
                .isEqualTo(Instant.parse("2026-11-24T06:15:00Z"));
        // two 9-hour business days from Monday 10:00 is Wednesday 10:00
        assertThat(OFFICE.plusWorkingMinutes(Instant.parse("2026-11-23T07:00:00Z"), 1080))
                .isEqualTo(Instant.parse("2026-11-25T07:00:00Z"));
    }

    @Test
    void openOnlyOnWorkingDaysWithinTheWindow() {
        assertThat(OFFICE.isOpen(Instant.parse("2026-11-23T06:00:00Z"))).isTrue(); // Monday 09:00 Moscow
        assertThat(OFFICE.isOpen(Instant.parse("2026-11-23T15:00:00Z"))).isFalse(); // Monday 18:00 Moscow
        assertThat(OFFICE.isOpen(Instant.parse("2026-11-28T08:00:00Z"))).isFalse(); // Saturday
        assertThat(WorkingHours.always(ZoneId.of("UTC")).isOpen(Instant.parse("2026-11-28T03:00:00Z"))).isTrue();
    }

    @Test
    void aDayMustStartBeforeItEnds() {
        assertThatThrownBy(() -> new WorkingHours(null, LocalTime.of(18, 0), LocalTime.of(9, 0), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
