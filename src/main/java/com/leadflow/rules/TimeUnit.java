package com.leadflow.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The unit of a relative time in a rule ("3 months ago"); months are calendar months. */
public enum TimeUnit {
    DAYS(3650), MONTHS(120);

    private final int maxAmount;

    TimeUnit(int maxAmount) {
        this.maxAmount = maxAmount;
    }

    /** The largest amount a rule may use: ten years either way. */
    public int maxAmount() {
        return maxAmount;
    }

    /**
     * The instant {@code amount} units before {@code now}, in UTC (the database's clock) and cut to microseconds
     * (what a DATETIME(6) holds), so that SQL and the evaluator compare against exactly the same instant.
     */
    public Instant before(Instant now, int amount) {
        var utc = now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return switch (this) {
            case DAYS -> utc.minusDays(amount).toInstant();
            case MONTHS -> utc.minusMonths(amount).toInstant();
        };
    }
}
