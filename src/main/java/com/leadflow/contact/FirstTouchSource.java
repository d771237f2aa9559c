package com.leadflow.contact;

/** How the first contact with a lead happened; it decides how to approach them. */
public enum FirstTouchSource {
    WEB_FORM, TRADE_SHOW, CONTENT_DOWNLOAD, AD, SOCIAL, EMAIL_CAMPAIGN, INBOUND_CALL, REFERRAL, OTHER
}
