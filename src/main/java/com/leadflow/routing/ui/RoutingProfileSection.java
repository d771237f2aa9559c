package com.leadflow.routing.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.Notifications;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ui.ContactProfileSection;
import com.leadflow.routing.Assignment;
import com.leadflow.routing.ExplanationLine;
import com.leadflow.routing.RepSettings;
import com.leadflow.routing.Router;
import com.leadflow.routing.RoutingOutcome;
import com.leadflow.routing.RoutingService;
import com.leadflow.routing.SlaClock;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import org.springframework.core.annotation.Order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The routing block of the contact profile: the speed-to-lead clock (time left, overdue, or how fast the first
 * contact came), why the contact went to its owner (the stored explanation of the latest decision), and, for whoever
 * may edit the contact, "Route again" and "Reassign…" with a reason.
 */
@org.springframework.stereotype.Component
@Order(20)
class RoutingProfileSection implements ContactProfileSection {

    private final RoutingService routing;
    private final Clock clock;

    RoutingProfileSection(RoutingService routing, Clock clock) {
        this.routing = routing;
        this.clock = clock;
    }

    @Override
    public Optional<Component> build(ContactForm contact) {
        return Optional.of(new RoutingPanel(routing, contact.getId(), clock.instant()));
    }

    /** Renders one contact's routing state; rebuilt with the profile after every reload. */
    static class RoutingPanel extends Div {

        RoutingPanel(RoutingService routing, long contactId, Instant now) {
            addClassName("routing-profile");
            setId("routing-profile");
            add(new H3(getTranslation("routing.profile.title")));
            routing.latestClock(contactId).ifPresent(clock -> add(slaBadge(clock, now)));
            Optional<Assignment> latest = routing.latestAssignment(contactId);
            if (latest.isEmpty()) {
                Span none = new Span(getTranslation("routing.profile.never"));
                none.addClassName("routing-muted");
                add(none);
            } else {
                add(explanation(latest.get()));
            }
            if (routing.canReassign(contactId)) {
                Button again = new Button(getTranslation("routing.profile.routeAgain"), VaadinIcon.REFRESH.create(),
                        e -> act(() -> routing.routeAgain(contactId)));
                again.setId("routing-route-again");
                again.addThemeVariants(ButtonVariant.LUMO_SMALL);
                Button reassign = new Button(getTranslation("routing.profile.reassign"), VaadinIcon.USER_CHECK.create(),
                        e -> openReassign(routing, contactId));
                reassign.setId("routing-reassign");
                reassign.addThemeVariants(ButtonVariant.LUMO_SMALL);
                add(new HorizontalLayout(again, reassign));
            }
        }

        private Span slaBadge(SlaClock clock, Instant now) {
            Span badge = new Span();
            badge.setId("routing-sla");
            badge.getElement().getThemeList().add("badge");
            if (clock.stoppedAt() != null) {
                long minutes = Duration.between(clock.startedAt(), clock.stoppedAt()).toMinutes();
                badge.setText(getTranslation(Boolean.TRUE.equals(clock.metTarget()) ? "routing.sla.metIn"
                        : "routing.sla.lateIn", minutes));
                badge.getElement().getThemeList().add(Boolean.TRUE.equals(clock.metTarget()) ? "success" : "error");
            } else if (clock.cancelledAt() != null) {
                badge.setText(getTranslation("routing.sla.ended"));
                badge.getElement().getThemeList().add("contrast");
            } else if (now.isBefore(clock.dueAt())) {
                badge.setText(getTranslation("routing.sla.dueIn", duration(Duration.between(now, clock.dueAt())),
                        Formats.dateTime(clock.dueAt())));
            } else {
                badge.setText(getTranslation("routing.sla.overdue", duration(Duration.between(clock.dueAt(), now))));
                badge.getElement().getThemeList().add("error");
            }
            return badge;
        }

        private String duration(Duration d) {
            long minutes = Math.max(1, d.toMinutes());
            if (minutes < 120) {
                return getTranslation("routing.duration.minutes", minutes);
            }
            if (minutes < 48 * 60) {
                return getTranslation("routing.duration.hours", minutes / 60, minutes % 60);
            }
            return getTranslation("routing.duration.days", minutes / (24 * 60), minutes / 60 % 24);
        }

        private Div explanation(Assignment a) {
            Div box = new Div();
            box.setId("routing-explanation");
            String headline = a.outcome() == RoutingOutcome.QUEUED
                    ? getTranslation("routing.profile.queued", Formats.dateTime(a.decidedAt()))
                    : getTranslation("routing.profile.assigned", a.ownerName(), Formats.dateTime(a.decidedAt()),
                    getTranslation("routing.cause." + a.cause().name()));
            Span head = new Span(headline);
            head.addClassName("routing-headline");
            UnorderedList lines = new UnorderedList();
            lines.addClassName("routing-why");
            for (ExplanationLine line : a.explanation()) {
                lines.add(new ListItem(line.format(this::getTranslation)));
            }
            box.add(head, lines);
            return box;
        }

        private void act(Runnable action) {
            try {
                action.run();
                Notifications.success(getTranslation("routing.profile.done"));
                UI.getCurrent().refreshCurrentRoute(false);
            } catch (ValidationFailedException e) {
                Notifications.error(getTranslation(e.messageKey(), e.params()));
            }
        }

        private void openReassign(RoutingService routing, long contactId) {
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle(getTranslation("routing.reassign.title"));
            ComboBox<RepSettings> rep = new ComboBox<>(getTranslation("routing.reassign.rep"));
            rep.setId("routing-reassign-rep");
            rep.setItems(routing.reps());
            rep.setItemLabelGenerator(r -> r.teamName() == null ? r.displayName()
                    : r.displayName() + " (" + r.teamName() + ")");
            rep.setRequiredIndicatorVisible(true);
            rep.setWidthFull();
            TextArea reason = new TextArea(getTranslation("routing.reassign.reason"));
            reason.setId("routing-reassign-reason");
            reason.setMaxLength(500);
            reason.setRequiredIndicatorVisible(true);
            reason.setWidthFull();
            Button ok = new Button(getTranslation("routing.reassign.ok"), e -> {
                if (rep.getValue() == null) {
                    rep.setInvalid(true);
                    rep.setErrorMessage(getTranslation("routing.invalid.rep"));
                    return;
                }
                try {
                    routing.reassign(contactId, rep.getValue().userId(), reason.getValue());
                    dialog.close();
                    Notifications.success(getTranslation("routing.profile.done"));
                    UI.getCurrent().refreshCurrentRoute(false);
                } catch (ValidationFailedException ex) {
                    reason.setInvalid(ex.messageKey().equals("routing.invalid.reason"));
                    reason.setErrorMessage(getTranslation(ex.messageKey(), ex.params()));
                    if (!reason.isInvalid()) {
                        Notifications.error(getTranslation(ex.messageKey(), ex.params()));
                    }
                }
            });
            ok.setId("routing-reassign-ok");
            ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button cancel = new Button(getTranslation("action.cancel"), e -> dialog.close());
            dialog.add(rep, reason);
            dialog.getFooter().add(cancel, ok);
            dialog.open();
            rep.focus();
        }
    }
}
