package com.leadflow.funnel;

import java.io.Serializable;
import java.util.Locale;

/**
 * A column of the sales funnel. Its name is data in English and Russian (a stage added in the settings has no
 * translation key); {@code warnAfterDays} colours cards that sat in the stage longer than that.
 */
public record FunnelStage(String code, int position, boolean terminal, Integer winProbability, String color,
                          String nameEn, String nameRu, Integer warnAfterDays) implements Serializable {

    /** The two stages the board and the services treat specially: closing as won, and lost with a reason. */
    public static final String WON = "WON";
    public static final String LOST = "LOST";

    public String name(Locale locale) {
        return locale != null && "ru".equals(locale.getLanguage()) ? nameRu : nameEn;
    }

    /** Whether this stage closes the deal as won: any terminal stage except Lost. */
    public boolean closesAsWon() {
        return terminal && !LOST.equals(code);
    }

    public boolean isSystemStage() {
        return WON.equals(code) || LOST.equals(code);
    }
}
