package com.leadflow.notification.ui;

import com.leadflow.base.live.LiveUpdates;
import com.leadflow.base.ui.Formats;
import com.leadflow.notification.Notification;
import com.leadflow.notification.NotificationCreatedEvent;
import com.leadflow.notification.NotificationService;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The bell in the app bar: how many notifications are unread, the latest ones in a popover, mark read, and a click
 * opens the contact it is about. New notifications arrive live.
 */
public class NotificationBell extends Composite<Div> {

    static final int SHOWN = 20;

    private final NotificationService notifications;
    private final long myUserId;
    private final SecurityContext viewer = SecurityContextHolder.getContext();
    private final Button bell = new Button(VaadinIcon.BELL.create());
    private final Span badge = new Span();
    private final Div list = new Div();
    private final Popover popover = new Popover();

    public NotificationBell(NotificationService notifications, LiveUpdates live, long myUserId) {
        this.notifications = notifications;
        this.myUserId = myUserId;
        Div root = getContent();
        root.addClassName("notification-bell");
        bell.setId("notification-bell");
        bell.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        bell.setAriaLabel(getTranslation("timeline.bell"));
        bell.setTooltipText(getTranslation("timeline.bell"));
        badge.addClassName("notification-badge");
        badge.setId("notification-count");
        badge.getElement().getThemeList().add("badge error primary small pill");

        list.addClassName("notification-list");
        list.setId("notification-list");
        Button markAll = new Button(getTranslation("timeline.bell.markAllRead"), e -> {
            notifications.markAllReadForMe();
            refresh();
        });
        markAll.setId("notification-mark-all");
        markAll.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        Span title = new Span(getTranslation("timeline.bell.title"));
        title.addClassName("notification-title");
        Div header = new Div(title, markAll);
        header.addClassName("notification-header");
        popover.add(header, list);
        popover.setTarget(bell);
        popover.setPosition(PopoverPosition.BOTTOM_END);
        popover.setAriaLabel(getTranslation("timeline.bell.title"));
        popover.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                refresh();
            }
        });
        root.add(bell, badge, popover);
        refresh();

        live.follow(this, NotificationCreatedEvent.class, e -> {
            if (e.userId() == myUserId) {
                new DelegatingSecurityContextRunnable(this::refresh, viewer).run();
            }
        });
    }

    /** Opens the list (the keyboard and tests; a click on the bell does the same in the browser). */
    public void open() {
        refresh();
        popover.open();
    }

    private void refresh() {
        int unread = notifications.unreadCountForMe();
        badge.setText(unread > 99 ? "99+" : String.valueOf(unread));
        badge.setVisible(unread > 0);
        bell.setAriaLabel(getTranslation("timeline.bell") + (unread > 0 ? ", " + getTranslation("timeline.bell.unread", unread) : ""));
        list.removeAll();
        var latest = notifications.latestForMe(SHOWN);
        if (latest.isEmpty()) {
            Span empty = new Span(getTranslation("timeline.bell.empty"));
            empty.addClassName("notification-empty");
            list.add(empty);
        }
        for (Notification n : latest) {
            list.add(item(n));
        }
    }

    private Div item(Notification n) {
        Div item = new Div();
        item.addClassName("notification-item");
        if (n.unread()) {
            item.addClassName("unread");
        }
        item.getElement().setAttribute("data-notification-id", String.valueOf(n.id()));
        Span text = new Span(getTranslation(n.messageKey(), n.params().toArray()));
        text.addClassName("notification-text");
        Span when = new Span(Formats.relative(n.createdAt()));
        when.setTitle(Formats.dateTime(n.createdAt()));
        when.addClassName("notification-when");
        Button open = new Button(text.getText(), e -> openNotification(n));
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        open.addClassName("notification-open");
        item.add(open, when);
        return item;
    }

    private void openNotification(Notification n) {
        notifications.markRead(n.id());
        popover.close();
        refresh();
        if (n.contactId() != null) {
            getUI().ifPresent(ui -> ui.navigate("contact/" + n.contactId()));
        }
    }
}
