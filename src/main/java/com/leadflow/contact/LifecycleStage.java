package com.leadflow.contact;

/** Lifecycle stages from first subscription to customer. */
public enum LifecycleStage {
    SUBSCRIBER, LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER
}
