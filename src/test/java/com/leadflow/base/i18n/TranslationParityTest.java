package com.leadflow.base.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every feature bundle exists in English and Russian with the same keys, and no key is in two bundles. */
class TranslationParityTest {

    @Test
    void everyKeyIsInBothLanguages() throws IOException {
        for (String name : FeatureBundles.NAMES) {
            Set<String> english = load("vaadin-i18n/" + name + ".properties").stringPropertyNames();
            Set<String> russian = load("vaadin-i18n/" + name + "_ru.properties").stringPropertyNames();
            assertThat(russian).as("keys of %s_ru vs %s", name, name).isEqualTo(english);
        }
    }

    @Test
    void noKeyIsDefinedByTwoFeatures() throws IOException {
        Properties seen = new Properties();
        for (String name : FeatureBundles.NAMES) {
            Properties bundle = load("vaadin-i18n/" + name + ".properties");
            for (String key : bundle.stringPropertyNames()) {
                assertThat(seen.getProperty(key)).as("key %s is in both %s and %s", key, seen.getProperty(key), name)
                        .isNull();
                seen.setProperty(key, name);
            }
        }
    }

    @Test
    void looksUpEveryBundleAndFormatsParameters() {
        FeatureBundles provider = new FeatureBundles(FeatureBundles.NAMES);
        assertThat(provider.getTranslation("app.name", Locale.ENGLISH)).isEqualTo("Leadflow");
        assertThat(provider.getTranslation("no.such.key", Locale.of("ru"))).isEqualTo("!ru: no.such.key");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TranslationParityTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
