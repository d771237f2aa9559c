package com.leadflow.funnel;

/** How a board column orders its cards: best score first, or longest in the stage first. */
public enum BoardSort {
    SCORE, DAYS_IN_STAGE
}
