package com.leadflow.base.ui;

import com.leadflow.base.i18n.SupportedLocales;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import org.springframework.stereotype.Component;

import java.util.Locale;

/** Gives every new UI the user's saved language, else the browser's if we speak it, else English. */
@Component
class LocaleInitializer implements VaadinServiceInitListener {

    static final String CHOSEN_LOCALE = "leadflow.locale";

    private final CurrentUserProvider currentUser;

    LocaleInitializer(CurrentUserProvider currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            VaadinSession session = init.getUI().getSession();
            Locale chosen = (Locale) session.getAttribute(CHOSEN_LOCALE);
            if (chosen == null) {
                chosen = currentUser.find().map(CurrentUser::preferredLocale).orElse(null);
            }
            Locale locale = SupportedLocales.closest(chosen != null ? chosen : init.getUI().getLocale());
            init.getUI().setLocale(locale);
        });
    }
}
