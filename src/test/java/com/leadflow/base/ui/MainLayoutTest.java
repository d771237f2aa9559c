package com.leadflow.base.ui;

import com.leadflow.AbstractViewTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.sidenav.SideNavItem;
import org.junit.jupiter.api.Test;

import com.leadflow.base.i18n.SupportedLocales;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Locale;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class MainLayoutTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;

    private List<String> navigation() {
        return _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
    }

    @Test
    void adminSeesContactsAndUsers() {
        login("admin");
        UI.getCurrent().navigate("contacts");
        assertThat(navigation()).containsExactly("Dashboard", "Board", "Activity feed", "Contacts", "My tasks",
                "Calendar", "Import", "Segments", "Scoring", "Lifecycle", "Funnel settings", "Cadences",
                "Email templates", "Sent mail", "Suppression list", "Routing", "Routing fairness", "Campaigns",
                "API keys", "Users", "Mail settings");
        assertThat(_get(H1.class, spec -> spec.withClasses("view-title")).getText()).startsWith("Contacts");
    }

    @Test
    void salesRepSeesContactsButNotUsers() {
        login("sam");
        UI.getCurrent().navigate("contacts");
        assertThat(navigation()).containsExactly("Dashboard", "Board", "Activity feed", "Contacts", "My tasks",
                "Calendar", "Segments", "Scoring", "Lifecycle", "Cadences", "Routing", "Routing fairness");
    }

    @Test
    void marketingSeesContactsButNotUsers() {
        login("maria");
        UI.getCurrent().navigate("contacts");
        assertThat(navigation()).containsExactly("Dashboard", "Board", "Activity feed", "Contacts", "My tasks",
                "Calendar", "Import", "Segments", "Scoring", "Lifecycle", "Funnel settings", "Cadences",
                "Email templates", "Sent mail",
                "Suppression list", "Routing", "Routing fairness", "Campaigns");
    }

    @Test
    void executiveSeesContactsButNotUsers() {
        login("erik");
        UI.getCurrent().navigate("contacts");
        assertThat(navigation()).containsExactly("Dashboard", "Board", "Activity feed", "Contacts", "My tasks",
                "Calendar", "Segments", "Scoring", "Lifecycle", "Cadences", "Routing", "Routing fairness",
                "Campaigns");
    }

    @Test
    @SuppressWarnings("unchecked")
    void languageSwitchIsRememberedForTheUser() {
        var olga = login("olga");
        UI.getCurrent().navigate("contacts");
        Select<Locale> language = _get(Select.class, spec -> spec.withClasses("language-switch"));
        _setValue(language, SupportedLocales.RUSSIAN);

        assertThat(VaadinSession.getCurrent().getAttribute(LocaleInitializer.CHOSEN_LOCALE))
                .isEqualTo(SupportedLocales.RUSSIAN);
        assertThat(jdbc.queryForObject("SELECT locale FROM app_user WHERE id = ?", String.class, olga.user().id()))
                .isEqualTo("ru");
        // the next page the user opens speaks Russian
        UI.getCurrent().setLocale(SupportedLocales.RUSSIAN);
        UI.getCurrent().navigate("contacts");
        assertThat(navigation()).contains("Панель показателей", "Доска", "Лента активности", "Контакты", "Сегменты")
                .doesNotContain("Contacts");
        // olga's choice is stored: later tests (the timeline browser test logs in as olga) expect English
        jdbc.update("UPDATE app_user SET locale = NULL WHERE id = ?", olga.user().id());
    }

    @Test
    void logoutButtonIsThere() {
        login("sam");
        UI.getCurrent().navigate("contacts");
        assertThat(_get(Button.class, spec -> spec.withId("logout")).getText()).isEqualTo("Log out");
    }
}
