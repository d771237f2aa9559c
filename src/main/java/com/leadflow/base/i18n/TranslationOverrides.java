package com.leadflow.base.i18n;

import java.util.Locale;

/**
 * Translations that are data rather than bundle text (e.g. a lifecycle stage marketing renamed): a bean of this type
 * is asked before the bundles, so every screen that shows {@code getTranslation(key)} shows the edited text.
 */
public interface TranslationOverrides {

    /** The plain text for {@code key} in that language, or null to use the bundles. Must be cheap: asked often. */
    String find(String key, Locale locale);
}
