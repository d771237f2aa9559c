package com.leadflow.base.i18n;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Translations come from one English and one Russian bundle per feature: see {@link FeatureBundles}. */
@Configuration(proxyBeanMethods = false)
class I18nConfiguration {

    @Bean
    FeatureBundles i18nProvider() {
        return new FeatureBundles(FeatureBundles.NAMES);
    }

    /** Hands the {@link TranslationOverrides} beans to the provider once they all exist (they may need the database). */
    @Bean
    SmartInitializingSingleton translationOverridesInstaller(FeatureBundles bundles,
                                                             ObjectProvider<TranslationOverrides> overrides) {
        return () -> bundles.useOverrides(overrides.orderedStream().toList());
    }
}
