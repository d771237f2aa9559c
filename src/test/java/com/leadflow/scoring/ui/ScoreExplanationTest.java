package com.leadflow.scoring.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.scoring.ScoringService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class ScoreExplanationTest extends AbstractViewTest {

    @Autowired
    ScoringService scoring;
    @Autowired
    ContactService contacts;

    @Test
    void showsEachContributingRuleTheTotalAndTheTemperature() {
        ContactForm form = ContactFixtures.contact("Explained", "Lead", ContactFixtures.marker());
        form.setJobTitle("Head of Digital");
        form.setCountry("GB");
        form.setDoNotContact(true);
        form.setDoNotContactReason("Unsubscribed by phone");
        long id = as("maria", () -> contacts.create(form)).getId();

        login("sam");
        UI.getCurrent().add(new ScoreExplanation(scoring, id));

        assertThat(_get(Span.class, spec -> spec.withId("score-total")).getText()).isEqualTo("Score -30");
        assertThat(_get(Span.class, spec -> spec.withId("score-temperature")).getText()).isEqualTo("Cold");
        List<String> lines = _find(ListItem.class, spec -> spec.withClasses("score-line")).stream()
                .map(item -> item.getElement().getTextRecursively()).toList();
        assertThat(lines).containsExactly("+15 Decision maker (Director, Head, CEO) · Fit",
                "+5 Target country · Fit", "−50 Do not contact · Fit");
        assertThat(_find(com.vaadin.flow.component.html.UnorderedList.class, spec -> spec.withId("score-history")))
                .hasSize(1);
    }
}
