package com.leadflow.lifecycle;

import com.leadflow.timeline.ActivityType;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After a person moved a contact back, rules must not push it forward again on the same facts. A hold row says
 * "moved back at"; it holds until the contact shows engagement that is newer than that (its own action or a
 * conversation with it; not our outgoing emails, not system entries). The same SQL decides it for the set-based
 * refresh and for the live evaluation of one contact, so both agree.
 */
final class LifecycleHold {

    /** Activities that release a hold: the contact did something, or a person talked to it. */
    static final Set<ActivityType> RELEASING = EnumSet.of(ActivityType.CALL, ActivityType.MEETING,
            ActivityType.PAGE_VIEW, ActivityType.CONTENT_DOWNLOAD, ActivityType.FORM_SUBMIT, ActivityType.SURVEY_ANSWER,
            ActivityType.EMAIL_OPEN, ActivityType.EMAIL_CLICK);

    // enum names only, never user input: safe to inline
    private static final String RELEASING_LIST = RELEASING.stream().map(t -> "'" + t.name() + "'")
            .collect(Collectors.joining(", "));

    private LifecycleHold() {
    }

    /** True (as SQL) when the contact whose id is {@code contactIdExpression} is held back. */
    static String heldSql(String contactIdExpression) {
        return "EXISTS (SELECT 1 FROM lifecycle_hold h WHERE h.contact_id = " + contactIdExpression
                + " AND NOT EXISTS (SELECT 1 FROM activity ha WHERE ha.contact_id = h.contact_id"
                + " AND ha.occurred_at > h.held_at AND ha.type IN (" + RELEASING_LIST + ")))";
    }
}
