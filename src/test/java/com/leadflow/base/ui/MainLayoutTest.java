package com.leadflow.base.ui;

import com.leadflow.AbstractViewTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class MainLayoutTest extends AbstractViewTest {

    private List<String> navigation() {
        return _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
    }

    @Test
    void adminSeesContactsAndUsers() {
        login("admin");
        UI.getCurrent().navigate("contacts");
        assertThat(navigation()).containsExactly("Contacts", "Users");
        assertThat(_get(H1.class, spec -> spec.withClasses("view-title")).getText()).startsWith("Contacts");
    }

    @Test
    void salesRepSeesContactsButNotUsers() {
        login("sam");
        UI.getCurrent().navigate("contacts");
        assertThat(navigation()).containsExactly("Contacts");
    }

    @Test
    void marketingSeesContactsButNotUsers() {
        login("maria");
        UI.getCurrent().navigate("contacts");
        assertThat(navigation()).containsExactly("Contacts");
    }

    @Test
    void executiveSeesContactsButNotUsers() {
        login("erik");
        UI.getCurrent().navigate("contacts");
        assertThat(navigation()).containsExactly("Contacts");
    }
}
