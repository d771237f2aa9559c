package com.leadflow.importing;

import java.util.List;
import java.util.Locale;

/** A contact field a CSV column can be mapped to, with the header names that suggest it (English and Russian). */
public enum ImportField {
    FIRST_NAME("firstName", "first name", "firstname", "given name", "имя"),
    LAST_NAME("lastName", "last name", "lastname", "surname", "family name", "фамилия"),
    EMAIL("email", "e-mail", "email address", "mail", "почта", "электронная почта", "эл. почта"),
    PHONE("phone", "phone number", "telephone", "mobile", "телефон"),
    COMPANY("company", "organization", "organisation", "account", "компания", "организация"),
    JOB_TITLE("jobTitle", "job title", "title", "position", "должность"),
    COUNTRY("country", "country code", "страна"),
    CITY("city", "town", "город"),
    PRODUCT_INTEREST("productInterest", "product interest", "product", "interest", "интерес", "продукт"),
    PREFERRED_CHANNEL("preferredChannel", "preferred channel", "channel", "канал"),
    FIRST_TOUCH_SOURCE("firstTouchSource", "source", "lead source", "first touch source", "источник"),
    FIRST_TOUCH_AT("firstTouchAt", "first touch date", "first touch", "date", "created", "дата"),
    FIRST_TOUCH_CAMPAIGN("firstTouchCampaign", "campaign", "first touch campaign", "кампания"),
    LIFECYCLE_STAGE("lifecycleStage", "lifecycle stage", "lifecycle", "stage", "стадия");

    private final String property;
    private final List<String> synonyms;

    ImportField(String property, String... synonyms) {
        this.property = property;
        this.synonyms = List.of(synonyms);
    }

    /** The contact property's name (its label key is {@code contact.<property>}). */
    public String property() {
        return property;
    }

    /** The field a header most likely means, or null. */
    public static ImportField guess(String header) {
        String h = header == null ? "" : header.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        for (ImportField f : values()) {
            if (f.property.equalsIgnoreCase(h.replace(" ", "")) || f.synonyms.contains(h)) {
                return f;
            }
        }
        return null;
    }
}
