package com.leadflow.metrics;

import com.leadflow.contact.FirstTouchSource;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the dashboard looks at: a period [from, to) and optional narrowing by team, owner, first-touch source,
 * first-touch campaign (by name) and current segment membership. The caller's role may narrow it further.
 */
public record MetricsFilter(Instant from, Instant to, Long teamId, Long ownerId, FirstTouchSource source,
                            String campaign, Long segmentId) implements Serializable {

    public static MetricsFilter period(Instant from, Instant to) {
        return new MetricsFilter(from, to, null, null, null, null, null);
    }

    public MetricsFilter withTeam(Long team) {
        return new MetricsFilter(from, to, team, ownerId, source, campaign, segmentId);
    }

    public MetricsFilter withOwner(Long owner) {
        return new MetricsFilter(from, to, teamId, owner, source, campaign, segmentId);
    }

    public MetricsFilter withSource(FirstTouchSource newSource) {
        return new MetricsFilter(from, to, teamId, ownerId, newSource, campaign, segmentId);
    }

    public MetricsFilter withCampaign(String newCampaign) {
        return new MetricsFilter(from, to, teamId, ownerId, source, newCampaign, segmentId);
    }

    public MetricsFilter withSegment(Long segment) {
        return new MetricsFilter(from, to, teamId, ownerId, source, campaign, segment);
    }
}
