package com.leadflow.scoring;

import com.leadflow.contact.Temperature;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Why a contact has its score: each rule of the published model that contributed (with its points after decay and
 * its full weight), the group sums before and after the caps, the total, the temperature, whether it reaches the
 * MQL threshold, and the recent score moves from the timeline.
 */
public record ScoreBreakdown(long contactId, List<Line> lines, long fitPoints, long engagementPoints,
                             Integer fitCap, Integer engagementCap, int score, Temperature temperature,
                             boolean mql, int mqlThreshold, List<ScoreChange> recentChanges) implements Serializable {

    public ScoreBreakdown {
        lines = List.copyOf(lines);
        recentChanges = List.copyOf(recentChanges);
    }

    /** One contributing rule: its points now and its weight ({@code points < weight} when engagement decayed). */
    public record Line(long ruleId, String ruleName, ScoreGroup group, int points, int weight) implements Serializable {
    }

    /** One score move as the timeline recorded it. */
    public record ScoreChange(Instant at, int fromScore, int toScore, Temperature fromTemperature,
                              Temperature toTemperature) implements Serializable {
    }

    public boolean fitCapped() {
        return fitCap != null && fitPoints > fitCap;
    }

    public boolean engagementCapped() {
        return engagementCap != null && engagementPoints > engagementCap;
    }
}
