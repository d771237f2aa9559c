package com.leadflow.timeline;

/** Whose contacts the activity feed follows. */
public enum FeedScope { MINE, MY_TEAM, ALL }
