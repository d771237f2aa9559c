package com.leadflow.scoring;

import com.leadflow.contact.Temperature;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The arithmetic of a score, written once in Java and mirrored in SQL by {@link ScoringRefresher} (the tests check
 * that both give the same scores). Decay: a positive engagement rule's points are multiplied by
 * 0.5^(whole days since the contact's last activity / half-life), rounded half up; fit points and negative points
 * never decay (a penalty for silence must not fade while the silence goes on). A group cap limits the group's sum
 * from above only.
 */
record ScoreCalculator(int warmThreshold, int hotThreshold, int halfLifeDays, Integer fitCap, Integer engagementCap) {

    /** The points a matching rule gives a contact last active at {@code lastActiveAt} (or created then, if never). */
    int points(ScoreGroup group, int points, Instant lastActiveAt, Instant now) {
        if (group != ScoreGroup.ENGAGEMENT || points <= 0) {
            return points;
        }
        long days = lastActiveAt == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(lastActiveAt, now));
        return (int) Math.floor(points * Math.pow(0.5, days / (double) halfLifeDays) + 0.5);
    }

    int total(long fitPoints, long engagementPoints) {
        return (int) (capped(fitPoints, fitCap) + capped(engagementPoints, engagementCap));
    }

    static long capped(long sum, Integer cap) {
        return cap == null ? sum : Math.min(sum, cap);
    }

    Temperature temperature(int score) {
        return score >= hotThreshold ? Temperature.HOT : score >= warmThreshold ? Temperature.WARM : Temperature.COLD;
    }

    /** Whether a move is worth a timeline entry: a temperature change, or at least this many points. */
    static final int MEANINGFUL_POINTS = 5;

    static boolean meaningful(int fromScore, String fromTemperature, int toScore, String toTemperature) {
        return Math.abs(toScore - fromScore) >= MEANINGFUL_POINTS || !toTemperature.equals(fromTemperature);
    }
}
