package com.leadflow.timeline;

/** Who wrote a timeline entry: a person, the system itself, or an external system through an API key. */
public enum AuthorKind { USER, SYSTEM, API }
