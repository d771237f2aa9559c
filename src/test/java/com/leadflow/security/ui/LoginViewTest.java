package com.leadflow.security.ui;

import com.leadflow.AbstractViewTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class LoginViewTest extends AbstractViewTest {

    private String errorMessage() {
        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        // the i18n object travels to the browser as an element property
        return String.valueOf(form.getElement().getPropertyRaw("i18n"));
    }

    @Test
    void listsTheDemoAccountsInDemoMode() {
        UI.getCurrent().navigate("login");
        assertThat(_get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("demo-accounts")).getElement()
                .getTextRecursively()).contains("admin", "maria", "sam", "erik", "leadflow");
    }

    @Test
    void wrongPasswordSaysSo() {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                new BadCredentialsException("bad"));
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));
        assertThat(errorMessage()).contains("Check the username and password and try again.");
    }

    @Test
    void lockedAccountSaysWhyAndForHowLong() {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                new LockedException("locked"));
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));
        assertThat(errorMessage()).contains("locked for a minute");
    }
}
