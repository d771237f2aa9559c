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
import com.leadflow.messaging.TemplatePlaceholders;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;


/**
 * Email templates (MARKETING, ADMIN): subject, HTML body and plain text in English and Russian, with
 * placeholders and the required unsubscribe link; a preview renders the template for a real contact.
 */
@Route(value = "templates", layout = MainLayout.class)
@Menu(title = "cadence.nav.templates", order = 55, icon = "vaadin:envelope-open-o")
@RolesAllowed({"ADMIN", "MARKETING"})
class TemplatesView extends VerticalLayout implements HasDynamicTitle {

    private final EmailTemplateService templates;
    private final ContactService contacts;
    private final Grid<EmailTemplate> grid = new Grid<>(EmailTemplate.class, false);

    TemplatesView(EmailTemplateService templates, ContactService contacts) {
        this.templates = templates;
        this.contacts = contacts;
        setSizeFull();
        Button create = new Button(getTranslation("cadence.template.new"), VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("new-template");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("templates-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(EmailTemplate::name).setHeader(getTranslation("cadence.template.name")).setFlexGrow(1);
        grid.addColumn(EmailTemplate::subjectEn).setHeader(getTranslation("cadence.template.subject")).setFlexGrow(2);
        grid.addColumn(t -> t.hasRussian() ? "EN, RU" : "EN").setHeader(getTranslation("cadence.template.languages"))
                .setAutoWidth(true);
        grid.addItemClickListener(e -> edit(e.getItem()));
        grid.setSizeFull();
        add(create, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(templates.list()); // dozens at most
    }

    private void edit(EmailTemplate template) {
        Dialog dialog = new Dialog();
        dialog.setId("template-editor");
        dialog.setWidth("min(70rem, 96vw)");
        dialog.setHeaderTitle(getTranslation(template == null ? "cadence.template.new" : "cadence.template.edit"));
        TextField name = new TextField(getTranslation("cadence.template.name"));
        name.setId("template-name");
        name.setMaxLength(120);
        name.setWidthFull();
        LanguageFields en = new LanguageFields("en");
        LanguageFields ru = new LanguageFields("ru");
        if (template != null) {
            name.setValue(template.name());
            en.set(template.subjectEn(), template.htmlEn(), template.textEn());
            ru.set(template.subjectRu(), template.htmlRu(), template.textRu());
        } else {
            String html = "<p>Hello {{first_name}},</p>\n<p>…</p>\n<p>{{owner_signature}}</p>\n"
                    + "<p><a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>";
            en.set("", html, "Hello {{first_name}},\n\n…\n\n{{owner_signature}}\n\nUnsubscribe: {{unsubscribe_url}}");
        }
        TabSheet languages = new TabSheet();
        languages.add(getTranslation("cadence.template.english"), en);
        languages.add(getTranslation("cadence.template.russian"), ru);
        languages.setWidthFull();
        Span help = new Span(getTranslation("cadence.template.placeholders",
                String.join(", ", TemplatePlaceholders.ALL.stream().map(p -> "{{" + p + "}}").toList())));
        help.addClassName("cadence-template-help");

        ComboBox<ContactListItem> previewContact = new ComboBox<>(getTranslation("cadence.template.previewWith"));
        previewContact.setId("template-preview-contact");
        previewContact.setItemLabelGenerator(c -> c.firstName() + " " + c.lastName()
                + (c.company() == null ? "" : " · " + c.company()));
        // lazy search over all contacts: only one page is ever loaded
        previewContact.setItems(query -> {
            ContactFilter filter = ContactFilter.all().withSearch(query.getFilter().orElse(""));
            return contacts.page(filter, ContactSort.LAST_ACTIVITY, false, query.getOffset(), query.getLimit()).stream();
        });
        previewContact.setWidth("24em");
        EmailPreview previewBox = new EmailPreview();
        previewBox.setId("template-preview");
        previewBox.addClassName("cadence-template-preview");
        Button preview = new Button(getTranslation("cadence.template.preview"), VaadinIcon.EYE.create(), e -> {
            if (previewContact.getValue() == null) {
                Notifications.error(getTranslation("cadence.template.pickContact"));
                return;
            }
            RenderedEmail email = templates.preview(draft(template, name, en, ru), previewContact.getValue().id());
            previewBox.show(email);
        });
        preview.setId("template-preview-button");
        HorizontalLayout previewBar = new HorizontalLayout(previewContact, preview);
        previewBar.setAlignItems(FlexComponent.Alignment.BASELINE);

        dialog.add(name, help, languages, previewBar, previewBox);
        Button save = new Button(getTranslation("cadence.save"), e -> {
            templates.save(draft(template, name, en, ru));
            Notifications.success(getTranslation("cadence.template.saved", name.getValue()));
            dialog.close();
            refresh();
        });
        save.setId("template-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button delete = new Button(getTranslation("cadence.delete"), e -> {
            templates.delete(template.id());
            dialog.close();
            refresh();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.setVisible(template != null);
        dialog.getFooter().add(delete, new Button(getTranslation("cadence.cancel"), e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }

    private static EmailTemplate draft(EmailTemplate original, TextField name, LanguageFields en, LanguageFields ru) {
        return new EmailTemplate(original == null ? null : original.id(), original == null ? null : original.systemKey(),
                name.getValue(), en.subject.getValue(), en.html.getValue(), en.text.getValue(), ru.subject.getValue(),
                ru.html.getValue(), ru.text.getValue(), original == null ? 0 : original.version());
    }

    /** Subject, HTML and plain text of one language. */
    private final class LanguageFields extends VerticalLayout {

        final TextField subject = new TextField(getTranslation("cadence.template.subject"));
        final TextArea html = new TextArea(getTranslation("cadence.template.html"));
        final TextArea text = new TextArea(getTranslation("cadence.template.text"));

        LanguageFields(String language) {
            setPadding(false);
            subject.setId("template-subject-" + language);
            html.setId("template-html-" + language);
            text.setId("template-text-" + language);
            subject.setMaxLength(300);
            for (var f : new com.vaadin.flow.component.HasSize[]{subject, html, text}) {
                f.setWidthFull();
            }
            html.setHeight("12em");
            text.setHeight("10em");
            add(subject, html, text);
        }

        void set(String s, String h, String t) {
            subject.setValue(s == null ? "" : s);
            html.setValue(h == null ? "" : h);
            text.setValue(t == null ? "" : t);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cadence.nav.templates") + " · " + getTranslation("app.name");
    }
}
