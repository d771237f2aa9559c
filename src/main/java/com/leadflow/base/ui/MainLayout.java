package com.leadflow.base.ui;

import com.leadflow.base.i18n.SupportedLocales;
import com.leadflow.base.live.LiveUpdates;
import com.leadflow.notification.NotificationService;
import com.leadflow.notification.ui.NotificationBell;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.UserAccountService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.Lumo;
import jakarta.annotation.security.PermitAll;

import java.time.ZoneId;
import java.util.Locale;

/**
 * The frame around every view: app bar with the view title, language and theme switches and the user;
 * side navigation built from the routes' {@code @Menu} entries, so each role sees only what it may open.
 */
@PermitAll
public final class MainLayout extends AppLayout implements AfterNavigationObserver {

    static final String DARK_THEME = "leadflow.dark";

    private final H1 viewTitle = new H1();
    private final AuthenticationContext authenticationContext;
    private final UserAccountService accounts;

    MainLayout(AuthenticationContext authenticationContext, CurrentUserProvider currentUser,
               UserAccountService accounts, NotificationService notifications, LiveUpdates live) {
        this.authenticationContext = authenticationContext;
        this.accounts = accounts;
        setPrimarySection(Section.DRAWER);
        addClassName("main-layout");

        Span appName = new Span(getTranslation("app.name"));
        appName.addClassName("app-name");
        Div brand = new Div(VaadinIcon.FUNNEL.create(), appName);
        brand.addClassName("brand");
        addToDrawer(brand, new Scroller(createSideNav()));

        viewTitle.addClassName("view-title");
        CurrentUser me = currentUser.require();
        HorizontalLayout actions = new HorizontalLayout(new NotificationBell(notifications, live, me.id()),
                createLanguageSwitch(), createThemeToggle(), createUserBox(me));
        actions.setAlignItems(HorizontalLayout.Alignment.CENTER);
        actions.addClassName("app-bar-actions");
        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("nav.toggle"));
        addToNavbar(toggle, viewTitle, actions);

        UI.getCurrent().getPage().retrieveExtendedClientDetails(details -> {
            try {
                VaadinSession.getCurrent().setAttribute(Formats.TIME_ZONE, ZoneId.of(details.getTimeZoneId()));
            } catch (RuntimeException e) {
                // an unknown zone id from the browser: keep the server's zone
            }
        });
    }

    private SideNav createSideNav() {
        SideNav nav = new SideNav();
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(createSideNavItem(entry)));
        return nav;
    }

    private SideNavItem createSideNavItem(MenuEntry entry) {
        SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
        item.setMatchNested(true);
        if (entry.icon() != null) {
            item.setPrefixComponent(new Icon(entry.icon()));
        }
        return item;
    }

    private Component createLanguageSwitch() {
        Select<Locale> language = new Select<>();
        language.setItems(SupportedLocales.ALL);
        language.setItemLabelGenerator(l -> l.getDisplayLanguage(l).substring(0, 1).toUpperCase(l)
                + l.getDisplayLanguage(l).substring(1));
        language.setValue(SupportedLocales.closest(UI.getCurrent().getLocale()));
        language.setAriaLabel(getTranslation("nav.language"));
        language.addClassName("language-switch");
        language.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                switchLanguage(e.getValue());
            }
        });
        return language;
    }

    private void switchLanguage(Locale locale) {
        UI ui = UI.getCurrent();
        ui.getSession().setAttribute(LocaleInitializer.CHOSEN_LOCALE, locale);
        accounts.saveMyLocale(locale.toLanguageTag());
        ui.getPage().reload();
    }

    private Component createThemeToggle() {
        Button toggle = new Button(VaadinIcon.ADJUST.create());
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        toggle.setAriaLabel(getTranslation("nav.theme"));
        toggle.setTooltipText(getTranslation("nav.theme"));
        toggle.addClickListener(e -> {
            UI ui = UI.getCurrent();
            boolean dark = !Boolean.TRUE.equals(ui.getSession().getAttribute(DARK_THEME));
            ui.getSession().setAttribute(DARK_THEME, dark);
            applyTheme(ui, dark);
        });
        return toggle;
    }

    private static void applyTheme(UI ui, boolean dark) {
        if (dark) {
            ui.getElement().getThemeList().add(Lumo.DARK);
        } else {
            ui.getElement().getThemeList().remove(Lumo.DARK);
        }
    }

    private Component createUserBox(CurrentUser user) {
        Span name = new Span(user.displayName());
        name.addClassName("user-name");
        Span role = new Span(getTranslation("role." + user.role().name()));
        role.addClassName("user-role");
        Div who = new Div(name, role);
        who.addClassName("user-box");
        Button logout = new Button(getTranslation("nav.logout"), VaadinIcon.SIGN_OUT.create(),
                e -> authenticationContext.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");
        // the user's own settings: the email signature (mail feature)
        Button signature = new Button(VaadinIcon.PENCIL.create(), e -> UI.getCurrent().navigate("signature"));
        signature.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        signature.setId("my-signature");
        signature.setAriaLabel(getTranslation("mail.nav.signature"));
        signature.setTooltipText(getTranslation("mail.nav.signature"));
        HorizontalLayout box = new HorizontalLayout(who, signature, logout);
        box.setAlignItems(HorizontalLayout.Alignment.CENTER);
        return box;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        UI ui = UI.getCurrent();
        applyTheme(ui, Boolean.TRUE.equals(ui.getSession().getAttribute(DARK_THEME)));
        if (getContent() instanceof HasDynamicTitle titled) {
            String suffix = " · " + getTranslation("app.name");
            String title = titled.getPageTitle();
            viewTitle.setText(title.endsWith(suffix) ? title.substring(0, title.length() - suffix.length()) : title);
        } else {
            viewTitle.setText("");
        }
    }
}
