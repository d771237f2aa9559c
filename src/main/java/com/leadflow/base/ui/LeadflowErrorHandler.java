package com.leadflow.base.ui;

import com.leadflow.base.ValidationFailedException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** Turns exceptions that reach the UI into a clear message instead of a stack trace. */
@Component
class LeadflowErrorHandler implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(LeadflowErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(new Handler()));
    }

    private static final class Handler implements ErrorHandler {
        @Override
        public void error(ErrorEvent event) {
            Throwable cause = event.getThrowable();
            while (cause.getCause() != null && !(cause instanceof ValidationFailedException)
                    && !(cause instanceof AccessDeniedException)) {
                cause = cause.getCause();
            }
            UI ui = UI.getCurrent();
            if (ui == null) {
                log.error("Error outside a UI", event.getThrowable());
                return;
            }
            if (cause instanceof ValidationFailedException v) {
                Notifications.error(ui.getTranslation(v.messageKey(), v.params()));
            } else if (cause instanceof AccessDeniedException) {
                Notifications.error(ui.getTranslation("error.accessDenied"));
            } else {
                log.error("Unexpected error", event.getThrowable());
                Notifications.error(ui.getTranslation("error.unexpected"));
            }
        }
    }
}
