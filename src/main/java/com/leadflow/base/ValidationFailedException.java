package com.leadflow.base;

/** A request the service refuses for a reason the user can fix; the message is a translation key. */
public class ValidationFailedException extends RuntimeException {

    private final transient Object[] params;

    public ValidationFailedException(String messageKey, Object... params) {
        super(messageKey);
        this.params = params;
    }

    public String messageKey() {
        return getMessage();
    }

    public Object[] params() {
        return params;
    }
}
