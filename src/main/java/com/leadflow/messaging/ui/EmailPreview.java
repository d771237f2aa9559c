package com.leadflow.messaging.ui;

import com.leadflow.messaging.RenderedEmail;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;

/** A rendered email as its contact would get it: recipient and language, subject, the HTML part and the plain text. */
class EmailPreview extends Div {

    void show(RenderedEmail email) {
        removeAll();
        Span subject = new Span(getTranslation("cadence.template.subject") + ": " + email.subject());
        subject.addClassName("cadence-preview-subject");
        IFrame html = new IFrame();
        html.setSrcdoc(email.html()); // sandboxed: the template's HTML cannot touch the application
        html.getElement().setAttribute("sandbox", "");
        html.addClassName("cadence-preview-html");
        Pre text = new Pre(email.text());
        text.addClassName("cadence-preview-text");
        add(new Span(email.to() + " · " + email.language().toUpperCase()), subject, html, text);
    }
}
