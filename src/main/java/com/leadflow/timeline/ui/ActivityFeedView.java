package com.leadflow.timeline.ui;

import com.leadflow.base.live.LiveUpdates;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import com.leadflow.security.UserAccountService;
import com.leadflow.timeline.ActivityKind;
import com.leadflow.timeline.ActivityRecordedEvent;
import com.leadflow.timeline.AuthorKind;
import com.leadflow.timeline.FeedScope;
import com.leadflow.timeline.TimelineFilter;
import com.leadflow.timeline.TimelineItem;
import com.leadflow.timeline.TimelineService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The team activity feed: the newest timeline entries across the contacts I own, my team owns, or all of them;
 * filtered by kind and author; live. Where a sales rep starts the day.
 */
@Route(value = "activity", layout = MainLayout.class)
@Menu(title = "timeline.feed.nav", order = 7, icon = "vaadin:bullets")
@PermitAll
class ActivityFeedView extends VerticalLayout implements HasDynamicTitle {

    static final int PAGE = 30;
    /** New entries arrive in bursts (an import, an API batch): they are gathered and drawn at most this often. */
    static final long GATHER_MILLIS = 250;

    private final TimelineService timeline;
    private final SecurityContext viewer = SecurityContextHolder.getContext();
    private final Select<FeedScope> scope = new Select<>();
    private final CheckboxGroup<ActivityKind> kinds = new CheckboxGroup<>();
    private final ComboBox<ContactTimeline.AuthorChoice> author = new ComboBox<>();
    private final Div entries = new Div();
    private final Button older = new Button();
    private final List<TimelineItem> shown = new ArrayList<>();
    private final EntryView.Names names;
    private volatile boolean drawQueued;

    ActivityFeedView(TimelineService timeline, LiveUpdates live, UserAccountService accounts,
                     CurrentUserProvider currentUser) {
        this.timeline = timeline;
        var people = accounts.listUsers();
        this.names = new EntryView.Names(people.stream().collect(java.util.stream.Collectors.toMap(
                com.leadflow.security.UserSummary::id, com.leadflow.security.UserSummary::displayName)),
                accounts.listTeams().stream().collect(java.util.stream.Collectors.toMap(
                        com.leadflow.security.TeamSummary::id, com.leadflow.security.TeamSummary::name)));
        addClassName("activity-feed-view");
        setPadding(true);

        scope.setLabel(getTranslation("timeline.feed.scope"));
        scope.setItems(FeedScope.values());
        scope.setItemLabelGenerator(s -> getTranslation("timeline.feed.scope." + s.name()));
        scope.setValue(currentUser.require().role() == Role.SALES ? FeedScope.MINE : FeedScope.ALL);
        scope.setId("feed-scope");
        scope.addValueChangeListener(e -> reload());
        kinds.setLabel(getTranslation("timeline.filter.kinds"));
        kinds.setItems(ActivityKind.values());
        kinds.setItemLabelGenerator(k -> getTranslation("timeline.kind." + k.name()));
        kinds.setId("feed-kinds");
        kinds.addValueChangeListener(e -> reload());
        List<ContactTimeline.AuthorChoice> choices = new ArrayList<>();
        people.forEach(u -> choices.add(new ContactTimeline.AuthorChoice(AuthorKind.USER, u.id(),
                u.displayName())));
        choices.add(new ContactTimeline.AuthorChoice(AuthorKind.SYSTEM, null, getTranslation("author.system")));
        choices.add(new ContactTimeline.AuthorChoice(AuthorKind.API, null, getTranslation("timeline.author.apiAll")));
        author.setItems(choices);
        author.setLabel(getTranslation("timeline.filter.author"));
        author.setItemLabelGenerator(ContactTimeline.AuthorChoice::label);
        author.setPlaceholder(getTranslation("timeline.filter.anyone"));
        author.setClearButtonVisible(true);
        author.setId("feed-author");
        author.addValueChangeListener(e -> reload());

        HorizontalLayout filters = new HorizontalLayout(scope, kinds, author);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        entries.addClassName("timeline-entries");
        entries.addClassName("feed-entries");
        entries.setId("feed-entries");
        older.setText(getTranslation("timeline.older"));
        older.setId("feed-older");
        older.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        older.addClickListener(e -> page(shown.isEmpty() ? null : shown.getLast()));
        add(filters, entries, older);
        reload();

        live.follow(this, ActivityRecordedEvent.class, this::arrived);
    }

    private TimelineFilter filter() {
        var a = author.getValue();
        return new TimelineFilter(kinds.getValue(), a == null ? null : a.kind(), a == null ? null : a.userId());
    }

    private void reload() {
        shown.clear();
        entries.removeAll();
        page(null);
    }

    private void page(TimelineItem after) {
        List<TimelineItem> page = timeline.feed(scope.getValue(), filter(), after == null ? null : after.cursor(),
                PAGE + 1);
        boolean more = page.size() > PAGE;
        for (TimelineItem item : more ? page.subList(0, PAGE) : page) {
            shown.add(item);
            entries.add(entry(item));
        }
        older.setVisible(more);
        if (shown.isEmpty()) {
            Div empty = new Div();
            empty.setText(getTranslation("timeline.feed.empty"));
            empty.addClassName("timeline-empty");
            entries.add(empty);
        }
    }

    private Div entry(TimelineItem item) {
        Anchor contact = new Anchor("contact/" + item.contactId(), item.contactName());
        contact.addClassName("feed-contact");
        return EntryView.render(item, this::getTranslation, contact, names);
    }

    /** A new entry somewhere: if it may belong here, draw the news shortly (one query for a whole burst). */
    private void arrived(ActivityRecordedEvent e) {
        TimelineFilter f = filter();
        if (!f.kinds().isEmpty() && !f.kinds().contains(ActivityKind.of(e.type()))) {
            return;
        }
        if (f.authorUserId() != null ? !f.authorUserId().equals(e.authorUserId())
                : f.authorKind() != null && f.authorKind() != e.authorKind()) {
            return;
        }
        if (drawQueued) {
            return;
        }
        drawQueued = true;
        UI ui = UI.getCurrent();
        CompletableFuture.runAsync(() -> ui.access(() -> {
            drawQueued = false;
            new DelegatingSecurityContextRunnable(this::drawNewest, viewer).run();
        }), CompletableFuture.delayedExecutor(GATHER_MILLIS, TimeUnit.MILLISECONDS));
    }

    /** Puts the entries newer than the newest shown on top. */
    private void drawNewest() {
        List<TimelineItem> newest = timeline.feed(scope.getValue(), filter(), null, PAGE);
        List<TimelineItem> fresh = new ArrayList<>();
        for (TimelineItem item : newest) {
            if (!shown.isEmpty() && !isNewer(item, shown.getFirst())) {
                break;
            }
            fresh.add(item);
        }
        if (fresh.isEmpty()) {
            return;
        }
        if (shown.isEmpty()) {
            entries.removeAll();
        }
        for (int i = fresh.size() - 1; i >= 0; i--) {
            shown.addFirst(fresh.get(i));
            entries.addComponentAsFirst(entry(fresh.get(i)));
        }
    }

    private static boolean isNewer(TimelineItem a, TimelineItem b) {
        int byTime = a.occurredAt().compareTo(b.occurredAt());
        return byTime > 0 || (byTime == 0 && a.id() > b.id());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("timeline.feed.title") + " · " + getTranslation("app.name");
    }
}
