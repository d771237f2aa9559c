package com.leadflow.messaging.ui;

import com.leadflow.base.live.LiveUpdates;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.messaging.DemoMailServer;
import com.leadflow.messaging.EmailBatchRecordedEvent;
import com.leadflow.messaging.RenderedEmail;
import com.leadflow.messaging.SentMail;
import com.leadflow.messaging.SentMailService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/**
 * The send log: every message the outbox handled, newest first, searchable, with what went out. In demo mode (no
 * SMTP server configured) this is where a new user sees exactly what the cadences sent.
 */
@Route(value = "sent-mail", layout = MainLayout.class)
@Menu(title = "cadence.nav.sentMail", order = 56, icon = "vaadin:paperplane-o")
@RolesAllowed({"ADMIN", "MARKETING"})
class SentMailView extends VerticalLayout implements HasDynamicTitle {

    private final SentMailService sentMail;
    private final Grid<SentMail> grid = new Grid<>(SentMail.class, false);
    private final TextField search = new TextField();
    private final Select<String> status = new Select<>();

    SentMailView(SentMailService sentMail, LiveUpdates live) {
        this.sentMail = sentMail;
        setSizeFull();
        SentMailService.DeliveryMode delivery = sentMail.deliveryMode();
        Span mode = new Span(delivery.demo() ? getTranslation("mail.sent.demo", delivery.server(), delivery.demoReceived())
                : delivery.captured() ? getTranslation("cadence.sent.captured")
                : getTranslation("cadence.sent.smtp", delivery.server()));
        mode.setId("sent-mode");
        mode.getElement().getThemeList().add(delivery.captured() ? "badge contrast" : "badge success");
        search.setId("sent-search");
        search.setPlaceholder(getTranslation("cadence.sent.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        status.setId("sent-status");
        status.setItems("", "SENT", "PENDING", "SENDING", "FAILED", "SUPPRESSED");
        status.setItemLabelGenerator(s -> getTranslation(s.isEmpty() ? "cadence.sent.status.all" : "cadence.sent.status." + s));
        status.setValue("");
        grid.setId("sent-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(m -> Formats.dateTime(m.sentAt() != null ? m.sentAt() : m.createdAt()))
                .setHeader(getTranslation("cadence.sent.when")).setAutoWidth(true);
        grid.addColumn(SentMail::contactName).setHeader(getTranslation("cadence.tasks.contact"));
        grid.addColumn(SentMail::toAddress).setHeader(getTranslation("cadence.sent.to"));
        grid.addColumn(SentMail::subject).setHeader(getTranslation("cadence.template.subject")).setFlexGrow(2);
        grid.addComponentColumn(m -> {
            Span s = new Span(getTranslation("cadence.sent.status." + m.status()));
            s.getElement().getThemeList().add(switch (m.status()) {
                case "SENT" -> "badge success";
                case "FAILED" -> "badge error";
                case "SUPPRESSED" -> "badge contrast";
                default -> "badge";
            });
            if (m.lastError() != null) {
                s.getElement().setAttribute("title", m.lastError());
            }
            return s;
        }).setHeader(getTranslation("cadence.calendar.status")).setAutoWidth(true);
        grid.addColumn(SentMail::attempts).setHeader(getTranslation("cadence.sent.attempts")).setAutoWidth(true);
        grid.addItemClickListener(e -> show(e.getItem()));
        grid.setSizeFull();
        search.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());
        HorizontalLayout bar = new HorizontalLayout(search, status, mode);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(bar, grid);
        refresh();
        live.follow(this, EmailBatchRecordedEvent.class, e -> grid.getDataProvider().refreshAll()); // once per batch
    }

    private void refresh() {
        String s = search.getValue();
        String st = status.getValue() == null || status.getValue().isEmpty() ? null : status.getValue();
        grid.setItems(q -> sentMail.page(s, st, q.getOffset(), q.getLimit()).stream(), q -> sentMail.count(s, st));
    }

    private void show(SentMail m) {
        RenderedEmail email = sentMail.content(m.id()).orElse(null);
        if (email == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setId("sent-message");
        dialog.setHeaderTitle(email.subject());
        dialog.setWidth("min(50rem, 95vw)");
        IFrame html = new IFrame();
        html.setSrcdoc(email.html());
        html.getElement().setAttribute("sandbox", "");
        html.addClassName("cadence-preview-html");
        Pre text = new Pre(email.text());
        text.addClassName("cadence-preview-text");
        dialog.add(new Span(getTranslation("cadence.sent.to") + ": " + email.to()), html, text);
        // demo mode: the message exactly as the SMTP server received it (headers, Message-ID, MIME parts)
        List<DemoMailServer.Received> copies = sentMail.receivedCopies(m.id());
        for (DemoMailServer.Received copy : copies) {
            Details source = new Details(getTranslation("mail.sent.received", Formats.dateTime(copy.at()),
                    copy.envelopeTo()), sourceOf(copy));
            source.addClassName("mail-received-source");
            dialog.add(source);
        }
        if (copies.size() > 1) {
            dialog.add(new Paragraph(getTranslation("mail.sent.resent", copies.size())));
        }
        dialog.getFooter().add(new Button(getTranslation("cadence.close"), e -> dialog.close()));
        dialog.open();
    }

    private static Pre sourceOf(DemoMailServer.Received copy) {
        Pre source = new Pre(copy.source());
        source.addClassName("mail-received-raw");
        return source;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cadence.nav.sentMail") + " · " + getTranslation("app.name");
    }
}
