package com.leadflow.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The application's English and Russian bundles, read as the i18n provider reads them, to check rule messages. */
final class TranslationBundles {

    static final Properties ENGLISH = load("vaadin-i18n/translations.properties");
    static final Properties RUSSIAN = load("vaadin-i18n/translations_ru.properties");

    private TranslationBundles() {
    }

    static String english(RuleProblem problem) {
        return problem.format((key, args) -> translate(ENGLISH, Locale.ENGLISH, key, args));
    }

    static String russian(RuleProblem problem) {
        return problem.format((key, args) -> translate(RUSSIAN, Locale.of("ru"), key, args));
    }

    private static String translate(Properties bundle, Locale locale, String key, Object[] args) {
        String pattern = bundle.getProperty(key);
        if (pattern == null) {
            throw new AssertionError("no translation for " + key);
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    private static Properties load(String resource) {
        try (InputStream in = TranslationBundles.class.getClassLoader().getResourceAsStream(resource)) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
