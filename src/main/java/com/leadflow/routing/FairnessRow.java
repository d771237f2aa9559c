package com.leadflow.routing;

import java.io.Serializable;

/**
 * One rep in the fairness view for a period: leads routing gave them (and by hand), their share of the team's
 * routed leads against their share of the team's weight, capacity and open leads now, and speed to lead.
 */
public record FairnessRow(long userId, String name, String teamName, int weight, Integer capacity, boolean away,
                          long routed, long manual, double share, double weightShare, long openNow,
                          long clocks, long withinSla, long breached, Double averageMinutesToContact)
        implements Serializable {
}
