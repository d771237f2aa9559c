package com.leadflow.funnel;

import java.io.Serializable;
import java.util.Map;

/** How many open contacts each stage holds under a filter, and how many were won (for the conversion row). */
public record BoardCounts(Map<String, Long> openByStage, long won) implements Serializable {

    public long open(String stage) {
        return openByStage.getOrDefault(stage, 0L);
    }
}
