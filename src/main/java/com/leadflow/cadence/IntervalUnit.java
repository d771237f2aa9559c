package com.leadflow.cadence;

import java.time.LocalDateTime;

/** The unit of a step's delay and repeat interval; months are calendar months (31 Jan + 1 month = 28/29 Feb). */
public enum IntervalUnit {
    DAYS, WEEKS, MONTHS;

    public LocalDateTime addTo(LocalDateTime t, int amount) {
        return switch (this) {
            case DAYS -> t.plusDays(amount);
            case WEEKS -> t.plusWeeks(amount);
            case MONTHS -> t.plusMonths(amount);
        };
    }

    /** The SQL expression adding {@code amountColumn} units (from {@code unitColumn}) to {@code base}. */
    static String sqlAdd(String base, String amountColumn, String unitColumn) {
        return "CASE " + unitColumn + " WHEN 'DAYS' THEN DATE_ADD(" + base + ", INTERVAL " + amountColumn + " DAY)"
                + " WHEN 'WEEKS' THEN DATE_ADD(" + base + ", INTERVAL " + amountColumn + " WEEK)"
                + " ELSE DATE_ADD(" + base + ", INTERVAL " + amountColumn + " MONTH) END";
    }
}
