package com.leadflow.timeline.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.live.LiveUpdates;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.Notifications;
import com.leadflow.security.UserSummary;
import com.leadflow.timeline.ActivityKind;
import com.leadflow.timeline.ActivityRecordedEvent;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.AuthorKind;
import com.leadflow.timeline.CallOutcome;
import com.leadflow.timeline.TimelineEntryChangedEvent;
import com.leadflow.timeline.TimelineFilter;
import com.leadflow.timeline.TimelineItem;
import com.leadflow.timeline.TimelineService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A contact's timeline on the profile: compose a note (with @mentions), log a call or a meeting; filter by kind and
 * author; pinned notes on top; older entries on demand; and live — entries written anywhere appear within a second.
 */
public class ContactTimeline extends VerticalLayout {

    static final int PAGE = 20;

    private final TimelineService timeline;
    private final List<UserSummary> users;
    private final EntryView.Names names;
    /** Who is looking: live handlers run in whichever thread committed, so they read as this viewer. */
    private final SecurityContext viewer = SecurityContextHolder.getContext();

    private final Div pinnedBox = new Div();
    private final Div entries = new Div();
    private final Button older = new Button();
    private final CheckboxGroup<ActivityKind> kinds = new CheckboxGroup<>();
    private final ComboBox<AuthorChoice> author = new ComboBox<>();
    private final Div compose = new Div();

    private final Select<ActivityType> mode = new Select<>();
    private final TextArea text = new TextArea();
    private final Select<CallOutcome> outcome = new Select<>();
    private final Checkbox inbound = new Checkbox();
    private final IntegerField minutes = new IntegerField();
    private final TextField meetingTitle = new TextField();
    private final DateTimePicker when = new DateTimePicker();
    private final ComboBox<UserSummary> mention = new ComboBox<>();
    private final Button add = new Button();

    private Long contactId;
    private final List<TimelineItem> shown = new ArrayList<>();
    private boolean more;

    /** A choice in the author filter: a person, or all entries of the system or of API keys. */
    record AuthorChoice(AuthorKind kind, Long userId, String label) {
    }

    public ContactTimeline(TimelineService timeline, LiveUpdates live, List<UserSummary> users,
                           java.util.Map<Long, String> teamNames) {
        this.timeline = timeline;
        this.users = users;
        this.names = new EntryView.Names(users.stream().collect(java.util.stream.Collectors.toMap(UserSummary::id,
                UserSummary::displayName)), teamNames);
        addClassName("contact-timeline");
        setPadding(false);
        setSpacing(false);
        setId("contact-timeline");

        buildCompose();
        buildFilters();
        pinnedBox.addClassName("timeline-pinned-box");
        pinnedBox.setId("timeline-pinned");
        entries.addClassName("timeline-entries");
        entries.setId("timeline-entries");
        older.setText(getTranslation("timeline.older"));
        older.setId("timeline-older");
        older.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        older.addClickListener(e -> loadOlder());

        HorizontalLayout filters = new HorizontalLayout(kinds, author);
        filters.addClassName("timeline-filters");
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(new H3(getTranslation("profile.timeline")), compose, filters, pinnedBox, entries, older);

        live.follow(this, ActivityRecordedEvent.class, e -> {
            if (contactId != null && e.contactId() == contactId) {
                asViewer(() -> showNew(e.activityId()));
            }
        });
        live.follow(this, TimelineEntryChangedEvent.class, e -> {
            if (contactId != null && e.contactId() == contactId) {
                asViewer(() -> redraw(e.activityId()));
            }
        });
    }

    private void asViewer(Runnable work) {
        new DelegatingSecurityContextRunnable(work, viewer).run();
    }

    /** Shows the timeline of this contact (null: a contact not saved yet, nothing to show). */
    public void show(Long contactId) {
        this.contactId = contactId;
        setVisible(contactId != null);
        if (contactId == null) {
            return;
        }
        compose.setVisible(timeline.canWrite());
        List<AuthorChoice> choices = new ArrayList<>();
        timeline.authorsOf(contactId).forEach(a -> choices.add(new AuthorChoice(AuthorKind.USER, a.userId(), a.name())));
        choices.add(new AuthorChoice(AuthorKind.SYSTEM, null, getTranslation("author.system")));
        choices.add(new AuthorChoice(AuthorKind.API, null, getTranslation("timeline.author.apiAll")));
        AuthorChoice selected = author.getValue();
        author.setItems(choices);
        if (selected != null && choices.contains(selected)) {
            author.setValue(selected);
        }
        reload();
    }

    private TimelineFilter filter() {
        AuthorChoice a = author.getValue();
        return new TimelineFilter(kinds.getValue(), a == null ? null : a.kind(), a == null ? null : a.userId());
    }

    private void reload() {
        shown.clear();
        entries.removeAll();
        pinnedBox.removeAll();
        List<TimelineItem> pins = timeline.pinned(contactId);
        pins.forEach(p -> pinnedBox.add(entry(p)));
        pinnedBox.setVisible(!pins.isEmpty());
        append(timeline.page(contactId, filter(), null, PAGE + 1));
    }

    private void loadOlder() {
        if (shown.isEmpty()) {
            return;
        }
        append(timeline.page(contactId, filter(), shown.getLast().cursor(), PAGE + 1));
    }

    /** Adds a page (asked for one more than shown, to know whether there is an older page). */
    private void append(List<TimelineItem> page) {
        more = page.size() > PAGE;
        for (TimelineItem item : more ? page.subList(0, PAGE) : page) {
            shown.add(item);
            entries.add(entry(item));
        }
        older.setVisible(more);
        if (shown.isEmpty()) {
            Div empty = new Div();
            empty.setText(getTranslation("timeline.empty"));
            empty.addClassName("timeline-empty");
            entries.add(empty);
        }
    }

    /** A new entry for this contact: placed by its time (usually on top), if it passes the filter. */
    private void showNew(long activityId) {
        if (shown.stream().anyMatch(i -> i.id() == activityId)) {
            return;
        }
        Optional<TimelineItem> found = timeline.find(activityId);
        if (found.isEmpty() || !passes(found.get())) {
            return;
        }
        TimelineItem item = found.get();
        entries.getChildren().filter(c -> c.hasClassName("timeline-empty")).toList().forEach(entries::remove);
        int index = 0;
        while (index < shown.size() && shown.get(index).cursor().occurredAt().isAfter(item.occurredAt())) {
            index++;
        }
        if (index == shown.size() && more) {
            return; // older than what is loaded: it shows when the user pages down
        }
        shown.add(index, item);
        entries.addComponentAtIndex(index, entry(item));
    }

    /** An entry was edited, pinned or deleted: draw it again where it is. */
    private void redraw(long activityId) {
        reload(); // simple and exact: pins, edits and deletes are rare
    }

    private boolean passes(TimelineItem item) {
        TimelineFilter f = filter();
        if (!f.kinds().isEmpty() && !f.kinds().contains(item.kind())) {
            return false;
        }
        if (f.authorUserId() != null) {
            return f.authorUserId().equals(item.authorUserId());
        }
        return f.authorKind() == null || f.authorKind() == item.authorKind();
    }

    private Component entry(TimelineItem item) {
        Div view = EntryView.render(item, this::getTranslation, null, names);
        if (item.deleted() || !EntryView.isPersonEntry(item.type())) {
            return view;
        }
        HorizontalLayout actions = new HorizontalLayout();
        actions.addClassName("timeline-actions");
        actions.setSpacing(false);
        if (timeline.canWrite()) {
            Button pin = new Button(getTranslation(item.pinned() ? "timeline.unpin" : "timeline.pin"), e -> {
                if (run(() -> timeline.setPinned(item.id(), !item.pinned()))) {
                    reload();
                }
            });
            pin.addClassName("timeline-pin");
            pin.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            actions.add(pin);
        }
        if (timeline.canEdit(item)) {
            Button edit = new Button(getTranslation("timeline.edit"), e -> openEditor(item));
            edit.addClassName("timeline-edit");
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            actions.add(edit);
        }
        if (timeline.canDelete(item)) {
            Button delete = new Button(getTranslation("action.delete"), e -> {
                if (run(() -> timeline.delete(item.id()))) {
                    reload();
                }
            });
            delete.addClassName("timeline-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL,
                    ButtonVariant.LUMO_ERROR);
            actions.add(delete);
        }
        if (actions.getComponentCount() > 0) {
            view.add(actions);
        }
        return view;
    }

    private void openEditor(TimelineItem item) {
        Dialog dialog = new Dialog();
        dialog.setId("timeline-edit-dialog");
        dialog.setHeaderTitle(getTranslation("timeline.edit.title"));
        TextArea area = new TextArea();
        area.setWidth("32em");
        area.setMaxLength(TimelineService.MAX_TEXT);
        area.setValue(Optional.ofNullable(textOf(item)).orElse(""));
        area.setHelperText(getTranslation("timeline.edit.window", TimelineService.EDIT_WINDOW.toMinutes()));
        dialog.add(area);
        Button save = new Button(getTranslation("action.save"), e -> {
            if (run(() -> timeline.editText(item.id(), area.getValue()))) {
                dialog.close();
                reload();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("timeline-edit-save");
        save.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
        area.focus();
    }

    private static String textOf(TimelineItem item) {
        try {
            var node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(item.payload());
            return node.hasNonNull("text") ? node.path("text").asString() : null;
        } catch (RuntimeException e) {
            return item.summary();
        }
    }

    private boolean run(Runnable action) {
        try {
            action.run();
            return true;
        } catch (ValidationFailedException invalid) {
            Notifications.error(getTranslation(invalid.messageKey(), invalid.params()));
        } catch (org.springframework.security.access.AccessDeniedException denied) {
            Notifications.error(getTranslation("error.accessDenied"));
        }
        return false;
    }

    private void buildFilters() {
        kinds.setLabel(getTranslation("timeline.filter.kinds"));
        kinds.setItems(ActivityKind.values());
        kinds.setItemLabelGenerator(k -> getTranslation("timeline.kind." + k.name()));
        kinds.setId("timeline-kinds");
        kinds.addValueChangeListener(e -> reload());
        author.setLabel(getTranslation("timeline.filter.author"));
        author.setItemLabelGenerator(AuthorChoice::label);
        author.setClearButtonVisible(true);
        author.setPlaceholder(getTranslation("timeline.filter.anyone"));
        author.setId("timeline-author");
        author.addValueChangeListener(e -> {
            if (contactId != null) {
                reload();
            }
        });
    }

    private void buildCompose() {
        compose.addClassName("timeline-compose");
        compose.setId("timeline-compose");
        mode.setItems(ActivityType.NOTE, ActivityType.CALL, ActivityType.MEETING);
        mode.setItemLabelGenerator(t -> getTranslation("timeline.compose." + t.name()));
        mode.setValue(ActivityType.NOTE);
        mode.setId("timeline-mode");
        mode.setAriaLabel(getTranslation("timeline.compose.kind"));
        mode.addValueChangeListener(e -> showModeFields());

        text.setPlaceholder(getTranslation("timeline.compose.placeholder"));
        text.setWidthFull();
        text.setMaxLength(TimelineService.MAX_TEXT);
        text.setId("timeline-text");
        text.setAriaLabel(getTranslation("timeline.compose.text"));

        outcome.setLabel(getTranslation("timeline.outcome"));
        outcome.setItems(CallOutcome.values());
        outcome.setItemLabelGenerator(o -> getTranslation("timeline.outcome." + o.name()));
        outcome.setValue(CallOutcome.CONNECTED);
        outcome.setId("timeline-outcome");
        inbound.setLabel(getTranslation("timeline.inbound"));
        inbound.setId("timeline-inbound");
        minutes.setLabel(getTranslation("timeline.duration"));
        minutes.setMin(0);
        minutes.setMax(24 * 60);
        minutes.setStepButtonsVisible(true);
        minutes.setValue(5);
        minutes.setId("timeline-minutes");
        meetingTitle.setLabel(getTranslation("timeline.meetingTitle"));
        meetingTitle.setMaxLength(200);
        meetingTitle.setId("timeline-meeting-title");
        when.setLabel(getTranslation("timeline.when"));
        when.setId("timeline-when");

        mention.setPlaceholder(getTranslation("timeline.mention"));
        mention.setAriaLabel(getTranslation("timeline.mention"));
        mention.setItems(users.stream().filter(UserSummary::enabled).toList());
        mention.setItemLabelGenerator(u -> u.displayName() + " (@" + u.username() + ")");
        mention.setId("timeline-mention");
        mention.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                String current = text.getValue();
                text.setValue(current + (current.isEmpty() || current.endsWith(" ") ? "" : " ") + "@"
                        + e.getValue().username() + " ");
                mention.clear();
                text.focus();
            }
        });

        add.setText(getTranslation("timeline.compose.add"));
        add.setIcon(VaadinIcon.PLUS.create());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("timeline-add");
        add.addClickListener(e -> submit());
        add.addClickShortcut(Key.ENTER, KeyModifier.CONTROL).listenOn(compose);
        add.setTooltipText(getTranslation("timeline.compose.shortcut"));

        HorizontalLayout callFields = new HorizontalLayout(outcome, minutes, inbound);
        callFields.setAlignItems(FlexComponent.Alignment.BASELINE);
        callFields.addClassName("timeline-call-fields");
        HorizontalLayout bottom = new HorizontalLayout(mode, mention, add);
        bottom.setAlignItems(FlexComponent.Alignment.BASELINE);
        bottom.setWrap(true);
        compose.add(text, meetingTitle, callFields, when, bottom);
        showModeFields();
    }

    private void showModeFields() {
        ActivityType type = mode.getValue();
        boolean call = type == ActivityType.CALL;
        boolean meeting = type == ActivityType.MEETING;
        outcome.setVisible(call);
        inbound.setVisible(call);
        minutes.setVisible(call || meeting);
        minutes.setValue(meeting ? 30 : 5);
        meetingTitle.setVisible(meeting);
        when.setVisible(call || meeting);
        outcome.getParent().ifPresent(p -> p.setVisible(call || meeting));
    }

    private void submit() {
        if (contactId == null) {
            return;
        }
        long id = contactId;
        int duration = minutes.getValue() == null ? 0 : minutes.getValue();
        var at = when.getValue() == null ? null : when.getValue().atZone(Formats.zone()).toInstant();
        TimelineItem[] written = new TimelineItem[1];
        boolean done = run(() -> written[0] = switch (mode.getValue()) {
            case CALL -> timeline.logCall(id, outcome.getValue(), inbound.getValue(), duration, at, text.getValue());
            case MEETING -> timeline.logMeeting(id, meetingTitle.getValue(), duration, at, text.getValue());
            default -> timeline.addNote(id, text.getValue());
        });
        if (done) {
            showNew(written[0].id()); // at once for the writer; everybody else gets it pushed
            text.clear();
            meetingTitle.clear();
            when.clear();
            Notifications.success(getTranslation("timeline.compose.added"));
            text.focus();
        }
    }

    /** For the profile: whether the timeline shows anything of this contact yet (tests). */
    List<TimelineItem> shownEntries() {
        return List.copyOf(shown);
    }
}
