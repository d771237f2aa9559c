package com.leadflow.timeline;

import java.util.Arrays;
import java.util.List;

/** The three families the timeline filters by: what people wrote, what web and email reported, what the system did. */
public enum ActivityKind {
    PEOPLE, EVENTS, SYSTEM;

    public static ActivityKind of(ActivityType type) {
        return switch (type) {
            case NOTE, CALL, MEETING, TASK_DONE -> PEOPLE;
            case PAGE_VIEW, CONTENT_DOWNLOAD, FORM_SUBMIT, SURVEY_ANSWER, EMAIL_SENT, EMAIL_OPEN, EMAIL_CLICK,
                 EMAIL_FAILED, EMAIL_REPLY, EMAIL_BOUNCED, CALL_TRACKED -> EVENTS;
            default -> SYSTEM; // field edits, owner, lifecycle, funnel, segments, score, consent, and newer kinds
        };
    }

    public List<ActivityType> types() {
        return Arrays.stream(ActivityType.values()).filter(t -> of(t) == this).toList();
    }
}
