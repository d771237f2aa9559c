package com.leadflow.scoring;

/** What a scoring rule rates: who the contact is (fit) or what the contact does (engagement, which decays). */
public enum ScoreGroup {
    FIT, ENGAGEMENT
}
