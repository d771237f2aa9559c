package com.leadflow.base.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Translations come from one English and one Russian bundle per feature: see {@link FeatureBundles}. */
@Configuration(proxyBeanMethods = false)
class I18nConfiguration {

    @Bean
    I18NProvider i18nProvider() {
        return new FeatureBundles(FeatureBundles.NAMES);
    }
}
