package com.leadflow.timeline;

/** Everything that can happen to a contact: people's entries, web and email events, system changes. */
public enum ActivityType {
    // people
    NOTE, CALL, MEETING,
    // web and email events
    PAGE_VIEW, CONTENT_DOWNLOAD, FORM_SUBMIT, SURVEY_ANSWER, EMAIL_SENT, EMAIL_OPEN, EMAIL_CLICK,
    // system changes
    CONTACT_CREATED, FIELD_CHANGE, OWNER_CHANGE, LIFECYCLE_CHANGE, FUNNEL_MOVE, CONSENT_CHANGE,
    SEGMENT_ENTERED, SEGMENT_EXITED, SCORE_CHANGE,
    LEAD_ROUTED, // routing feature: a lead assigned or queued by routing, or reassigned by hand, with the reason
    // cadence feature: enrolment, task outcomes, failed delivery, a reply that ends the cadence
    CADENCE_ENROLLED, CADENCE_LEFT, TASK_DONE, EMAIL_FAILED, EMAIL_REPLY,
    CALL_TRACKED, // timeline feature: a call-tracking system reported an inbound call through the API
    EMAIL_BOUNCED, // mail feature: the mail system reported a bounce through the API (a hard one suppresses)
}
