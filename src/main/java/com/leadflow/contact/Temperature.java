package com.leadflow.contact;

/** How ready a lead is to buy: cold, warm or hot. */
public enum Temperature {
    COLD, WARM, HOT
}
