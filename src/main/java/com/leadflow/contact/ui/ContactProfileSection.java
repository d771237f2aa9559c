package com.leadflow.contact.ui;

import com.leadflow.contact.ContactForm;
import com.vaadin.flow.component.Component;

import java.util.Optional;

/**
 * A block of the contact profile's side panel that belongs to another feature (routing explanation, SLA clock,
 * upcoming touches…). Declare it as a Spring bean; {@code @Order} places it. The profile asks again after every
 * reload, so a section always shows the contact as saved.
 */
public interface ContactProfileSection {

    /** The section for a saved contact, or empty when it has nothing to show for this one. */
    Optional<Component> build(ContactForm contact);
}
