package com.leadflow.messaging;

import java.io.Serializable;

/** A user's email signature (the {@code {{owner_signature}}} placeholder); {@code text} null: name and email. */
public record Signature(long userId, String displayName, String email, String text) implements Serializable {

    /** What the placeholder becomes: the signature, or the user's name and email when none is set. */
    public String effective() {
        return text != null && !text.isBlank() ? text : displayName + (email == null ? "" : "\n" + email);
    }
}
