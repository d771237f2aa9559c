package com.leadflow.messaging;

import java.io.Serializable;

/** One email as the contact receives it: placeholders filled in, in the contact's language. */
public record RenderedEmail(String to, String subject, String html, String text, String language)
        implements Serializable {
}
