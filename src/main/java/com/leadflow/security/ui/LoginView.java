package com.leadflow.security.ui;

import com.leadflow.demo.DemoAccount;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/** The login page; in demo mode it lists the demo accounts. */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();

    LoginView(Environment environment) {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setI18n(createI18n());

        H1 title = new H1(getTranslation("app.name"));
        title.addClassName("login-title");
        Paragraph tagline = new Paragraph(getTranslation("login.tagline"));
        tagline.addClassName("login-tagline");
        add(title, tagline, login);

        if (environment.getProperty("leadflow.demo.enabled", Boolean.class, true)) {
            add(createDemoAccounts());
        }
    }

    private LoginI18n createI18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Form form = i18n.getForm();
        form.setTitle(getTranslation("login.title"));
        form.setUsername(getTranslation("login.username"));
        form.setPassword(getTranslation("login.password"));
        form.setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation("login.error.badCredentials"));
        error.setUsername(getTranslation("login.error.usernameRequired"));
        error.setPassword(getTranslation("login.error.passwordRequired"));
        return i18n;
    }

    private Div createDemoAccounts() {
        Div box = new Div();
        box.addClassName("demo-accounts");
        box.setId("demo-accounts");
        box.add(new H3(getTranslation("login.demo.title")));
        box.add(new Paragraph(getTranslation("login.demo.password", DemoAccount.PASSWORD)));
        for (DemoAccount account : DemoAccount.ALL) {
            Div row = new Div(new Span(account.username()),
                    new Span(account.displayName() + " · " + getTranslation("role." + account.role().name())
                            + (account.team() == null ? "" : " · " + account.team())));
            row.addClassName("demo-account");
            box.add(row);
        }
        return box;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        LoginI18n i18n = createI18n();
        Object failure = lastFailure();
        if (failure instanceof LockedException) {
            i18n.getErrorMessage().setMessage(getTranslation("login.error.locked"));
        } else if (failure instanceof DisabledException) {
            i18n.getErrorMessage().setMessage(getTranslation("login.error.disabled"));
        }
        login.setI18n(i18n);
        login.setError(true);
    }

    private static Object lastFailure() {
        VaadinRequest request = VaadinRequest.getCurrent();
        WrappedSession session = request == null ? null : request.getWrappedSession(false);
        return session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
