package com.leadflow.messaging.ui;

import com.leadflow.messaging.SuppressionService;
import com.leadflow.messaging.UnsubscribeRequest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import java.util.Optional;

/**
 * The public page behind every email's unsubscribe link: no login, a signed token, a confirm button (so link
 * scanners that open every URL unsubscribe nobody), in the contact's language.
 */
@Route("unsubscribe")
@AnonymousAllowed
class UnsubscribeView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final SuppressionService suppression;
    private String token;

    UnsubscribeView(SuppressionService suppression) {
        this.suppression = suppression;
        addClassName("cadence-unsubscribe");
        setAlignItems(Alignment.CENTER);
        setMaxWidth("36rem");
        getStyle().set("margin", "4rem auto");
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        token = parameter;
        removeAll();
        Optional<UnsubscribeRequest> request = suppression.describe(token);
        if (request.isEmpty()) {
            add(new H1(getTranslation("cadence.unsubscribe.invalidTitle")),
                    new Paragraph(getTranslation("cadence.unsubscribe.invalid")));
            return;
        }
        UI.getCurrent().setLocale(request.get().language());
        if (request.get().alreadyUnsubscribed()) {
            done(request.get());
            return;
        }
        Button confirm = new Button(getTranslation("cadence.unsubscribe.confirm"), e -> {
            suppression.unsubscribe(token);
            done(request.get());
        });
        confirm.setId("unsubscribe-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        add(new H1(getTranslation("cadence.unsubscribe.title")),
                new Paragraph(getTranslation("cadence.unsubscribe.question", request.get().maskedEmail())), confirm);
    }

    private void done(UnsubscribeRequest request) {
        removeAll();
        Paragraph text = new Paragraph(getTranslation("cadence.unsubscribe.done", request.maskedEmail()));
        text.setId("unsubscribe-done");
        add(new H1(getTranslation("cadence.unsubscribe.doneTitle")), text);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cadence.unsubscribe.title");
    }
}
