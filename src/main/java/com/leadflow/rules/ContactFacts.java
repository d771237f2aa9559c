package com.leadflow.rules;

import com.leadflow.timeline.ActivityType;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the evaluator knows of one contact: the catalog fields as stored (enum values as their codes), the
 * activities since {@code activitiesSince} (null: none were loaded), and the segments it is a member of now.
 */
public record ContactFacts(
        long id,
        String firstName,
        String lastName,
        String email,
        String phone,
        String company,
        String jobTitle,
        String country,
        String city,
        String productInterest,
        String preferredChannel,
        String firstTouchSource,
        Instant firstTouchAt,
        String firstTouchCampaign,
        Long ownerId,
        Long teamId,
        String lifecycleStage,
        String funnelStage,
        String status,
        String lostReason,
        boolean doNotContact,
        int score,
        String temperature,
        Instant createdAt,
        Instant lastActivityAt,
        Instant activitiesSince,
        List<ActivityFact> activities,
        Set<Long> segmentIds) implements Serializable {

    public ContactFacts {
        activities = activities == null ? List.of() : List.copyOf(activities);
        segmentIds = segmentIds == null ? Set.of() : Set.copyOf(segmentIds);
    }

    /** The same facts with another score and temperature (a full refresh's pass, before the lifecycle rules). */
    public ContactFacts withScore(int newScore, String newTemperature) {
        return new ContactFacts(id, firstName, lastName, email, phone, company, jobTitle, country, city,
                productInterest, preferredChannel, firstTouchSource, firstTouchAt, firstTouchCampaign, ownerId, teamId,
                lifecycleStage, funnelStage, status, lostReason, doNotContact, newScore, newTemperature, createdAt,
                lastActivityAt, activitiesSince, activities, segmentIds);
    }

    /** The same facts at another lifecycle stage (a full refresh's pass, before the segments). */
    public ContactFacts withLifecycleStage(String newStage) {
        return new ContactFacts(id, firstName, lastName, email, phone, company, jobTitle, country, city,
                productInterest, preferredChannel, firstTouchSource, firstTouchAt, firstTouchCampaign, ownerId, teamId,
                newStage, funnelStage, status, lostReason, doNotContact, score, temperature, createdAt,
                lastActivityAt, activitiesSince, activities, segmentIds);
    }

    /** The same facts with other segment memberships (a re-evaluation that has just moved the contact). */
    public ContactFacts withSegmentIds(Set<Long> newSegmentIds) {
        return new ContactFacts(id, firstName, lastName, email, phone, company, jobTitle, country, city,
                productInterest, preferredChannel, firstTouchSource, firstTouchAt, firstTouchCampaign, ownerId, teamId,
                lifecycleStage, funnelStage, status, lostReason, doNotContact, score, temperature, createdAt,
                lastActivityAt, activitiesSince, activities, newSegmentIds);
    }

    /**
     * One activity: its type, when it happened, and its payload attributes ({@code url}, {@code asset}, …) as
     * MariaDB's {@code JSON_VALUE(payload, '$.name')} reads them, so that both sides see the same text.
     */
    public record ActivityFact(ActivityType type, Instant occurredAt, Map<String, String> attributes)
            implements Serializable {
        public ActivityFact {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }
}
