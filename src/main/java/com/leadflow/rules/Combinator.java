package com.leadflow.rules;

/** How a group combines its children: all must match, or any one. */
public enum Combinator {
    ALL, ANY
}
