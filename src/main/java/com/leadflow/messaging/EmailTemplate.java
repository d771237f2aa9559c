package com.leadflow.messaging;

import java.io.Serializable;

/**
 * An email template: subject, HTML body and plain-text alternative in English, optionally in Russian (contacts
 * written to in Russian get the Russian version when it exists). {@code id} is null for a new template.
 */
public record EmailTemplate(Long id, String systemKey, String name, String subjectEn, String htmlEn, String textEn,
                            String subjectRu, String htmlRu, String textRu, long version) implements Serializable {

    public boolean hasRussian() {
        return subjectRu != null && !subjectRu.isBlank();
    }
}
