package com.leadflow.metrics.ui;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/** The period picker's choices; each turns "today" into a [first day, day after last) range of dates. */
enum DashboardPeriod {
    THIS_MONTH, LAST_MONTH, THIS_QUARTER, LAST_QUARTER, THIS_YEAR, CUSTOM;

    /** First day of the period and the day after its last; CUSTOM has no range of its own. */
    LocalDate[] range(LocalDate today) {
        LocalDate quarterStart = today.with(IsoFields.DAY_OF_QUARTER, 1);
        return switch (this) {
            case THIS_MONTH -> new LocalDate[]{today.withDayOfMonth(1), today.withDayOfMonth(1).plusMonths(1)};
            case LAST_MONTH -> new LocalDate[]{today.withDayOfMonth(1).minusMonths(1), today.withDayOfMonth(1)};
            case THIS_QUARTER -> new LocalDate[]{quarterStart, quarterStart.plusMonths(3)};
            case LAST_QUARTER -> new LocalDate[]{quarterStart.minusMonths(3), quarterStart};
            case THIS_YEAR -> new LocalDate[]{today.withDayOfYear(1), today.withDayOfYear(1).plusYears(1)};
            case CUSTOM -> null;
        };
    }
}
