package com.leadflow.cadence.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.cadence.TouchItem;
import com.leadflow.cadence.TouchService;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ui.ContactProfileSection;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import org.springframework.core.annotation.Order;

import java.util.List;
import java.util.Optional;

/** The contact profile's "Upcoming touches": the next planned emails and tasks of every cadence the contact is in. */
@org.springframework.stereotype.Component
@Order(50)
class UpcomingTouchesSection implements ContactProfileSection {

    private final TouchService touches;

    UpcomingTouchesSection(TouchService touches) {
        this.touches = touches;
    }

    @Override
    public Optional<Component> build(ContactForm contact) {
        if (contact.getId() == null) {
            return Optional.empty();
        }
        List<TouchItem> upcoming = touches.upcomingFor(contact.getId(), 5);
        UI ui = UI.getCurrent();
        Div section = new Div();
        section.setId("upcoming-touches");
        section.addClassName("cadence-upcoming");
        section.add(new H4(ui.getTranslation("cadence.profile.upcoming")));
        if (upcoming.isEmpty()) {
            section.add(new Span(ui.getTranslation(contact.isDoNotContact()
                    ? "cadence.profile.noneDoNotContact" : "cadence.profile.none")));
        }
        for (TouchItem t : upcoming) {
            Div row = new Div(new Span(Formats.date(t.dueAt())), new Span(" · " + TouchActions.label(t)));
            row.addClassNames("cadence-upcoming-item", t.kind().name().toLowerCase());
            section.add(row);
        }
        return Optional.of(section);
    }
}
