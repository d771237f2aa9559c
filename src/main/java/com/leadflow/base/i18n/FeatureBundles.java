package com.leadflow.base.i18n;

import com.vaadin.flow.i18n.I18NProvider;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Looks a key up in each feature's bundle in turn, so every feature keeps its own
 * {@code vaadin-i18n/<name>.properties} and {@code <name>_ru.properties} and features never edit one shared file.
 * Behaves like Vaadin's default provider otherwise: parameters through {@link MessageFormat} only when given,
 * and a missing key shows as {@code !en: key}.
 */
public final class FeatureBundles implements I18NProvider {

    /** Bundle base names under {@code vaadin-i18n/}; a new feature adds its name here. */
    public static final List<String> NAMES = List.of("translations", "board", "timeline", "cadence", "routing", "metrics", "rules", "mail");

    private final List<String> names;
    private volatile List<TranslationOverrides> overrides = List.of();

    FeatureBundles(List<String> names) {
        this.names = names;
    }

    /** The texts that are data, asked before the bundles (set once the application context is ready). */
    void useOverrides(List<TranslationOverrides> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return SupportedLocales.ALL;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        if (key == null) {
            return "";
        }
        Locale target = SupportedLocales.closest(locale);
        for (TranslationOverrides override : overrides) {
            String text = override.find(key, target);
            if (text != null) {
                return text;
            }
        }
        for (String name : names) {
            ResourceBundle bundle = ResourceBundle.getBundle("vaadin-i18n." + name, target,
                    FeatureBundles.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES));
            if (bundle.containsKey(key)) {
                String value = bundle.getString(key);
                return params.length > 0 ? new MessageFormat(value, target).format(params) : value;
            }
        }
        return "!" + target.getLanguage() + ": " + key;
    }
}
