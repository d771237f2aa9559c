package com.leadflow.campaign;

/** The marketing channel a campaign runs in; the dashboard groups win rates by it. */
public enum CampaignChannel {
    EMAIL, PAID_SEARCH, PAID_SOCIAL, ORGANIC_SOCIAL, EVENT, WEBINAR, CONTENT, REFERRAL, OTHER
}
