package com.leadflow.base.i18n;

import java.util.List;
import java.util.Locale;

/** The languages Leadflow speaks: English and Russian. */
public final class SupportedLocales {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    public static final List<Locale> ALL = List.of(ENGLISH, RUSSIAN);

    private SupportedLocales() {
    }

    /** The supported locale with the same language, or English. */
    public static Locale closest(Locale requested) {
        if (requested == null) {
            return ENGLISH;
        }
        return ALL.stream().filter(l -> l.getLanguage().equals(requested.getLanguage())).findFirst().orElse(ENGLISH);
    }
}
