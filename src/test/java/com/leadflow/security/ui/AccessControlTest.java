package com.leadflow.security.ui;

import com.leadflow.AbstractViewTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.api.Test;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessControlTest extends AbstractViewTest {

    @Test
    void salesRepCannotOpenUserAdministration() {
        login("sam");
        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/users")).hasMessageContaining("Access is denied");
        assertThat(_find(Grid.class, spec -> spec.withId("users-grid"))).isEmpty();
    }

    @Test
    void executiveCannotOpenUserAdministration() {
        login("erik");
        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/users")).hasMessageContaining("Access is denied");
        assertThat(_find(Grid.class, spec -> spec.withId("users-grid"))).isEmpty();
    }

    @Test
    void anonymousVisitorIsSentToLogin() {
        UI.getCurrent().navigate("contacts");
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().getFirst())
                .isInstanceOf(LoginView.class);
    }

    @Test
    void adminOpensUserAdministration() {
        login("admin");
        UI.getCurrent().navigate("admin/users");
        assertThat(_get(Grid.class, spec -> spec.withId("users-grid"))).isNotNull();
    }
}
