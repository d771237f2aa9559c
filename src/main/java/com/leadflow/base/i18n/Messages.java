package com.leadflow.base.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import org.springframework.stereotype.Component;

import java.util.Locale;

/** Translations for code outside a component (CSV headers, mail): the same bundles as the views. */
@Component
public class Messages {

    private final I18NProvider provider;

    Messages(I18NProvider provider) {
        this.provider = provider;
    }

    public String get(Locale locale, String key, Object... params) {
        return provider.getTranslation(key, SupportedLocales.closest(locale), params);
    }
}
