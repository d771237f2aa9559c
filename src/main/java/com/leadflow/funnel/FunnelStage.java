package com.leadflow.funnel;

import java.io.Serializable;

/** A column of the sales funnel; its name is translated from its code. */
public record FunnelStage(String code, int position, boolean terminal, Integer winProbability, String color)
        implements Serializable {
}
