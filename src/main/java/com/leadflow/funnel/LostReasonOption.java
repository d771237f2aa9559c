package com.leadflow.funnel;

import java.io.Serializable;
import java.util.Locale;

/** One entry of the editable lost-reason list; retired reasons stay readable on old contacts but are not offered. */
public record LostReasonOption(String code, String nameEn, String nameRu, int position, boolean noteRequired,
                               boolean active) implements Serializable {

    public String name(Locale locale) {
        return locale != null && "ru".equals(locale.getLanguage()) ? nameRu : nameEn;
    }
}
