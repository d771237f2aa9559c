package com.leadflow.timeline;

/** How a logged call went (the same codes the demo data uses). */
public enum CallOutcome { CONNECTED, NO_ANSWER, VOICEMAIL, BUSY, WRONG_NUMBER }
