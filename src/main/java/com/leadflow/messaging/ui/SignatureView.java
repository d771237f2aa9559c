package com.leadflow.messaging.ui;

import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.contact.ContactFilter;
import com.leadflow.contact.ContactListItem;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.ContactSort;
import com.leadflow.messaging.EmailTemplate;
import com.leadflow.messaging.EmailTemplateService;
import com.leadflow.messaging.RenderedEmail;
import com.leadflow.messaging.Signature;
import com.leadflow.messaging.SignatureService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * Everyone's own email signature (the {@code {{owner_signature}}} of the emails their contacts get), opened from
 * the pencil beside the user's name in the app bar; ADMIN picks any user. A preview renders a template for a real contact with the signature as typed, before it is saved.
 */
@Route(value = "signature", layout = MainLayout.class)
@PermitAll
class SignatureView extends VerticalLayout implements HasDynamicTitle {

    private final SignatureService signatures;
    private final ComboBox<Signature> user = new ComboBox<>();
    private final TextArea text = new TextArea();
    private final EmailPreview previewBox = new EmailPreview();
    private Signature current;

    SignatureView(SignatureService signatures, EmailTemplateService templates, ContactService contacts) {
        this.signatures = signatures;
        setMaxWidth("56rem");
        addClassName("mail-signature-view");

        user.setId("signature-user");
        user.setLabel(getTranslation("mail.signature.user"));
        user.setItems(signatures.canEditOthers() ? signatures.editable() : java.util.List.of());
        user.setItemLabelGenerator(s -> s.displayName() + (s.email() == null ? "" : " · " + s.email()));
        user.setWidth("24em");
        user.setVisible(signatures.canEditOthers());
        user.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                load(signatures.of(e.getValue().userId()));
            }
        });

        text.setId("signature-text");
        text.setLabel(getTranslation("mail.signature.text"));
        text.setHelperText(getTranslation("mail.signature.help", SignatureService.MAX_LENGTH, SignatureService.MAX_LINES));
        text.setMaxLength(SignatureService.MAX_LENGTH);
        text.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.LAZY);
        text.setWidthFull();
        text.setMinHeight("9em");

        Button save = new Button(getTranslation("cadence.save"), e -> save());
        save.setId("signature-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        Select<EmailTemplate> template = new Select<>();
        template.setId("signature-preview-template");
        template.setLabel(getTranslation("mail.signature.previewTemplate"));
        template.setItems(templates.list());
        template.setItemLabelGenerator(EmailTemplate::name);
        templates.list().stream().findFirst().ifPresent(template::setValue);
        ComboBox<ContactListItem> contact = new ComboBox<>(getTranslation("cadence.template.previewWith"));
        contact.setId("signature-preview-contact");
        contact.setItemLabelGenerator(c -> c.firstName() + " " + c.lastName()
                + (c.company() == null ? "" : " · " + c.company()));
        // lazy search over the contacts this user may see: only one page is ever loaded
        contact.setItems(query -> contacts.page(ContactFilter.all().withSearch(query.getFilter().orElse("")),
                ContactSort.LAST_ACTIVITY, false, query.getOffset(), query.getLimit()).stream());
        contact.setWidth("24em");
        Button preview = new Button(getTranslation("cadence.template.preview"), VaadinIcon.EYE.create(), e -> {
            if (contact.getValue() == null || template.getValue() == null) {
                Notifications.error(getTranslation("mail.signature.pickForPreview"));
                return;
            }
            show(signatures.preview(current.userId(), text.getValue(), template.getValue(), contact.getValue().id()));
        });
        preview.setId("signature-preview-button");
        HorizontalLayout previewBar = new HorizontalLayout(template, contact, preview);
        previewBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        previewBar.setWrap(true);
        previewBox.setId("signature-preview");
        previewBox.addClassName("mail-signature-preview");

        add(new Paragraph(getTranslation("mail.signature.intro")), user, text, save,
                new Paragraph(getTranslation("mail.signature.previewIntro")), previewBar, previewBox);
        load(signatures.mine());
    }

    private void load(Signature s) {
        current = s;
        if (user.isVisible()) {
            user.getListDataView().getItems().filter(u -> u.userId() == s.userId()).findFirst().ifPresent(user::setValue);
        }
        text.setValue(s.text() == null ? "" : s.text());
        text.setPlaceholder(s.effective());
        previewBox.removeAll();
    }

    private void save() {
        load(signatures.save(current.userId(), text.getValue()));
        Notifications.success(getTranslation("mail.signature.saved", current.displayName()));
    }

    private void show(RenderedEmail email) {
        previewBox.show(email);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("mail.nav.signature") + " · " + getTranslation("app.name");
    }
}
