package com.leadflow.contact;

import java.util.UUID;

/** Builds contact forms for tests; a unique marker keeps each test's data apart from the others'. */
public final class ContactFixtures {

    private ContactFixtures() {
    }

    public static String marker() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public static ContactForm contact(String firstName, String lastName, String company) {
        ContactForm form = new ContactForm();
        form.setFirstName(firstName);
        form.setLastName(lastName);
        form.setCompany(company);
        form.setEmail((firstName + "." + lastName + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
                .toLowerCase());
        return form;
    }
}
