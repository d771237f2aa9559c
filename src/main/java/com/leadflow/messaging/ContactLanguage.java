package com.leadflow.messaging;

import java.util.Locale;
import java.util.Set;

/**
 * The language a contact is written to in: contacts have no language field, so it follows the country
 * (Russian for Russia, Belarus, Kazakhstan and Kyrgyzstan, English elsewhere).
 */
public final class ContactLanguage {

    private static final Set<String> RUSSIAN_SPEAKING = Set.of("RU", "BY", "KZ", "KG");

    private ContactLanguage() {
    }

    public static Locale of(String country) {
        return country != null && RUSSIAN_SPEAKING.contains(country.toUpperCase(Locale.ROOT))
                ? Locale.forLanguageTag("ru") : Locale.ENGLISH;
    }
}
