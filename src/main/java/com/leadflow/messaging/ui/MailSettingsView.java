package com.leadflow.messaging.ui;

import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.messaging.MessagingSettings;
import com.leadflow.messaging.MessagingSettingsService;
import com.leadflow.messaging.SentMailService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** ADMIN: the SMTP server (none: messages are captured in the send log), the sender, and the frequency cap. */
@Route(value = "mail-settings", layout = MainLayout.class)
@Menu(title = "cadence.nav.mailSettings", order = 92, icon = "vaadin:cog-o")
@RolesAllowed("ADMIN")
class MailSettingsView extends VerticalLayout implements HasDynamicTitle {

    private final MessagingSettingsService settings;
    private final TextField host = new TextField();
    private final IntegerField port = new IntegerField();
    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final Checkbox startTls = new Checkbox();
    private final EmailField from = new EmailField();
    private final TextField fromName = new TextField();
    private final IntegerField cap = new IntegerField();
    private MessagingSettings current;

    private final SentMailService sentMail;
    private final Span inEffect = new Span();

    MailSettingsView(MessagingSettingsService settings, SentMailService sentMail) {
        this.settings = settings;
        this.sentMail = sentMail;
        setMaxWidth("48rem");
        host.setId("smtp-host");
        host.setLabel(getTranslation("cadence.settings.host"));
        host.setHelperText(getTranslation("cadence.settings.hostHelp"));
        port.setId("smtp-port");
        port.setLabel(getTranslation("cadence.settings.port"));
        username.setLabel(getTranslation("cadence.settings.username"));
        password.setLabel(getTranslation("cadence.settings.password"));
        startTls.setLabel(getTranslation("cadence.settings.starttls"));
        from.setId("mail-from");
        from.setLabel(getTranslation("cadence.settings.from"));
        fromName.setLabel(getTranslation("cadence.settings.fromName"));
        cap.setId("frequency-cap");
        cap.setLabel(getTranslation("cadence.settings.cap"));
        cap.setHelperText(getTranslation("cadence.settings.capHelp"));
        cap.setMin(0);
        cap.setMax(365);
        Button save = new Button(getTranslation("cadence.save"), e -> save());
        save.setId("mail-settings-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        inEffect.setId("mail-in-effect");
        add(new Paragraph(getTranslation("cadence.settings.intro")), inEffect,
                new FormLayout(host, port, username, password, startTls, from, fromName, cap), save);
        load(settings.current());
    }

    private void load(MessagingSettings s) {
        current = s;
        host.setValue(s.smtpHost() == null ? "" : s.smtpHost());
        port.setValue(s.smtpPort());
        username.setValue(s.smtpUsername() == null ? "" : s.smtpUsername());
        password.setValue(s.smtpPassword() == null ? "" : s.smtpPassword());
        startTls.setValue(s.smtpStartTls());
        from.setValue(s.fromAddress());
        fromName.setValue(s.fromName());
        cap.setValue(s.frequencyCapDays());
        SentMailService.DeliveryMode mode = sentMail.deliveryMode();
        inEffect.setText(mode.demo() ? getTranslation("mail.settings.inEffect.demo", mode.server())
                : mode.captured() ? getTranslation("mail.settings.inEffect.captured")
                : getTranslation("mail.settings.inEffect.smtp", mode.server()));
        inEffect.getElement().getThemeList().set("badge", true);
    }

    private void save() {
        load(settings.save(new MessagingSettings(host.getValue(), port.getValue(), username.getValue(),
                password.getValue(), startTls.getValue(), from.getValue(), fromName.getValue(),
                cap.getValue() == null ? -1 : cap.getValue(), current.version())));
        Notifications.success(getTranslation("cadence.settings.saved"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cadence.nav.mailSettings") + " · " + getTranslation("app.name");
    }
}
