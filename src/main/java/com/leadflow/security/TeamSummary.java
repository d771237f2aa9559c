package com.leadflow.security;

import java.io.Serializable;

/** A team as lists and pickers show it. */
public record TeamSummary(long id, String name) implements Serializable {
}
