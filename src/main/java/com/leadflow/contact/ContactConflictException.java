package com.leadflow.contact;

/** A save over someone else's newer change: refused, carrying the values as they are now. */
public class ContactConflictException extends RuntimeException {

    private final transient ContactForm current;

    ContactConflictException(ContactForm current) {
        super("Contact " + current.getId() + " was changed by someone else");
        this.current = current;
    }

    public ContactForm current() {
        return current;
    }
}
