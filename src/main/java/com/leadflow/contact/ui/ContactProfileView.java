package com.leadflow.contact.ui;

import com.leadflow.audit.FieldChange;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.contact.*;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.funnel.FunnelStageService;
import com.leadflow.funnel.LostReasonOption;
import com.leadflow.funnel.LostReasonService;
import com.leadflow.funnel.BoardService;
import com.leadflow.funnel.ui.ReopenContactButton;
import com.leadflow.lifecycle.LifecycleService;
import com.leadflow.lifecycle.ui.LifecycleMoveBack;
import com.leadflow.scoring.ScoringService;
import com.leadflow.scoring.ui.ScoreExplanation;
import com.leadflow.security.TeamSummary;
import com.leadflow.segment.SegmentService;
import com.leadflow.segment.SegmentSummary;
import com.leadflow.security.UserAccountService;
import com.leadflow.security.UserSummary;
import com.leadflow.base.live.LiveUpdates;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.timeline.ContactViewers;
import com.leadflow.timeline.TimelineService;
import com.leadflow.timeline.ui.ContactTimeline;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One contact's profile: every field, validated; saving over someone else's newer change is refused. */
@Route(value = "contact", layout = MainLayout.class)
@PermitAll
class ContactProfileView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    static final String NEW = "new";

    private final ContactService contacts;
    private final TimelineService timeline;
    private final List<UserSummary> users;
    private final Map<Long, UserSummary> usersById;
    private final Map<Long, TeamSummary> teamsById;

    private final BeanValidationBinder<ContactForm> binder = new BeanValidationBinder<>(ContactForm.class);
    private final H2 heading = new H2();
    private final Span meta = new Span();
    private final Button save = new Button();
    private final Button cancel = new Button();
    private final Button delete = new Button();
    private final ContactTimeline contactTimeline;
    /** Shown when someone else saved this contact while it is open here: reload rather than overwrite. */
    private final Div changedBanner = new Div();
    private final Span viewersLine = new Span();
    private final ContactViewers viewers;
    private final CurrentUserProvider currentUser;
    /** Live handlers run in whichever thread committed; they read the database as this viewer. */
    private final SecurityContext viewerSecurity = SecurityContextHolder.getContext();
    private ContactViewers.Viewer registeredViewer;
    private Long registeredContactId;
    private final Div segmentBox = new Div();
    private final Select<ContactStatus> status = new Select<>();
    private final ComboBox<String> lostReason = new ComboBox<>();
    private final TextArea lostNote = new TextArea();
    private final Checkbox doNotContact = new Checkbox();
    private final TextField doNotContactReason = new TextField();

    /** The contact as it was read from the database; the form edits a copy of it. */
    private ContactForm original;

    private final SegmentService segments;
    private final LifecycleService lifecycle;
    private final ScoreExplanation scoreExplanation;
    private final Div lifecycleBox = new Div();
    private final Div featureSections = new Div();
    private final List<ContactProfileSection> sections;

    private final Map<String, LostReasonOption> lostReasonsByCode;
    private final Map<String, FunnelStage> stagesByCode;
    private final BoardService board;
    private final FunnelStageService funnelStages;
    /** "Reopen…" for a lost or won contact (board feature). */
    private final Div reopenBox = new Div();

    ContactProfileView(ContactService contacts, TimelineService timeline, FunnelStageService funnelStages,
                       UserAccountService accounts, SegmentService segments, ScoringService scoring,
                       LifecycleService lifecycle, ObjectProvider<ContactProfileSection> sections,
                       LiveUpdates live, ContactViewers viewers, CurrentUserProvider currentUser,
                       LostReasonService lostReasons, BoardService board) {
        this.board = board;
        this.funnelStages = funnelStages;
        this.lostReasonsByCode = lostReasons.all().stream()
                .collect(Collectors.toMap(LostReasonOption::code, Function.identity()));
        this.stagesByCode = funnelStages.stages().stream()
                .collect(Collectors.toMap(FunnelStage::code, Function.identity()));
        this.sections = sections.orderedStream().toList();
        this.contacts = contacts;
        this.segments = segments;
        this.lifecycle = lifecycle;
        this.scoreExplanation = new ScoreExplanation(scoring);
        this.timeline = timeline;
        this.users = accounts.listUsers();
        this.usersById = users.stream().collect(Collectors.toMap(UserSummary::id, Function.identity()));
        this.teamsById = accounts.listTeams().stream().collect(Collectors.toMap(TeamSummary::id, Function.identity()));
        this.viewers = viewers;
        this.currentUser = currentUser;
        this.contactTimeline = new ContactTimeline(timeline, live, users, teamsById.values().stream()
                .collect(Collectors.toMap(TeamSummary::id, TeamSummary::name)));
        addClassName("contact-profile-view");
        setPadding(true);

        viewersLine.addClassName("contact-viewers");
        viewersLine.setId("contact-viewers");
        HorizontalLayout header = new HorizontalLayout(heading, meta, viewersLine);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        meta.addClassName("contact-meta");

        FormLayout form = buildForm(funnelStages.stages());
        HorizontalLayout buttons = buildButtons();

        VerticalLayout main = new VerticalLayout(form, buttons);
        main.setPadding(false);
        main.addClassName("profile-main");
        contactTimeline.addClassName("profile-timeline");
        buildChangedBanner();
        segmentBox.addClassName("profile-segments");
        segmentBox.setId("profile-segments");
        lifecycleBox.addClassName("profile-lifecycle");
        scoreExplanation.setId("score-explanation");
        VerticalLayout side = new VerticalLayout(lifecycleBox, scoreExplanation, segmentBox, featureSections,
                contactTimeline);
        featureSections.addClassName("profile-feature-sections");
        side.setPadding(false);
        side.addClassName("profile-side");
        HorizontalLayout body = new HorizontalLayout(main, side);
        body.setWidthFull();
        body.addClassName("profile-body");
        // side by side on a laptop, stacked on a narrow tablet (flex-basis in styles.css)
        main.setWidth(null);
        side.setWidth(null);
        add(header, changedBanner, body);

        live.follow(this, ContactChangedEvent.class, e -> {
            if (original != null && original.getId() != null && e.contactId() == original.getId()) {
                asViewer(() -> contactChangedElsewhere(e.kind()));
            }
        });
        live.follow(this, ContactViewers.ViewersChangedEvent.class, e -> {
            if (original != null && original.getId() != null && e.contactId() == original.getId()) {
                showViewers();
            }
        });
    }

    private void asViewer(Runnable work) {
        new DelegatingSecurityContextRunnable(work, viewerSecurity).run();
    }

    private void buildChangedBanner() {
        changedBanner.addClassName("contact-changed-banner");
        changedBanner.setId("contact-changed");
        Span text = new Span(getTranslation("timeline.changed.text"));
        text.setId("contact-changed-text");
        Button reload = new Button(getTranslation("timeline.changed.reload"), e -> {
            changedBanner.setVisible(false);
            showContact(contacts.load(original.getId()));
        });
        reload.setId("contact-changed-reload");
        reload.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        changedBanner.add(text, reload);
        changedBanner.setVisible(false);
    }

    /**
     * Somebody saved this contact (or an event touched it). A new version means the form is stale: say so and offer
     * a reload; a Save meanwhile is still refused by the version check and shows what they changed. Same version (a page view, a score): just refresh the
     * read-only facts.
     */
    private void contactChangedElsewhere(ContactChangedEvent.Kind kind) {
        if (kind == ContactChangedEvent.Kind.DELETED) {
            changedBanner.getChildren().findFirst().ifPresent(c -> ((Span) c).setText(getTranslation("timeline.changed.deleted")));
            changedBanner.setVisible(true);
            save.setEnabled(false);
            return;
        }
        ContactForm current;
        try {
            current = contacts.load(original.getId());
        } catch (ValidationFailedException gone) {
            return;
        }
        if (!Objects.equals(current.getVersion(), original.getVersion())) {
            changedBanner.setVisible(true);
        } else {
            showMeta(current);
        }
    }

    private void showViewers() {
        if (original == null || original.getId() == null) {
            viewersLine.setText("");
            return;
        }
        List<String> others = viewers.othersViewing(original.getId(), currentUser.require().id());
        viewersLine.setText(others.isEmpty() ? "" : getTranslation("timeline.alsoViewing", String.join(", ", others)));
        viewersLine.setVisible(!others.isEmpty());
    }

    private void registerViewer(Long contactId) {
        if (registeredContactId != null && registeredViewer != null) {
            viewers.leave(registeredContactId, registeredViewer);
            registeredContactId = null;
        }
        UI ui = UI.getCurrent();
        if (contactId == null || ui == null || !isAttached()) {
            return;
        }
        var me = currentUser.require();
        registeredViewer = new ContactViewers.Viewer(ui.getSession().getSession().getId() + "/" + ui.getUIId(),
                me.id(), me.displayName());
        registeredContactId = contactId;
        viewers.enter(contactId, registeredViewer);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (original != null) {
            registerViewer(original.getId());
            showViewers();
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (registeredContactId != null) {
            viewers.leave(registeredContactId, registeredViewer);
            registeredContactId = null;
        }
        super.onDetach(detachEvent);
    }

    private FormLayout buildForm(List<FunnelStage> stages) {
        TextField firstName = text("contact.firstName", "firstName");
        TextField lastName = text("contact.lastName", "lastName");
        // a plain text field: its messages come from bean validation, in the user's language
        TextField email = text("contact.email", "email");
        TextField phone = text("contact.phone", "phone");
        TextField company = text("contact.company", "company");
        TextField jobTitle = text("contact.jobTitle", "jobTitle");
        ComboBox<String> country = new ComboBox<>(getTranslation("contact.country"));
        country.setItems(Arrays.stream(Locale.getISOCountries()).sorted(Comparator.comparing(this::countryName)).toList());
        country.setItemLabelGenerator(this::countryName);
        country.setClearButtonVisible(true);
        country.setId("country");
        TextField city = text("contact.city", "city");
        TextField productInterest = text("contact.productInterest", "productInterest");

        Select<PreferredChannel> channel = new Select<>();
        channel.setLabel(getTranslation("contact.preferredChannel"));
        channel.setItems(PreferredChannel.values());
        channel.setItemLabelGenerator(c -> getTranslation("channel." + c.name()));
        channel.setId("preferredChannel");

        ComboBox<UserSummary> owner = new ComboBox<>(getTranslation("contact.owner"));
        owner.setItems(users.stream().filter(UserSummary::enabled).toList());
        owner.setItemLabelGenerator(UserSummary::displayName);
        owner.setClearButtonVisible(true);
        owner.setId("owner");
        ComboBox<TeamSummary> team = new ComboBox<>(getTranslation("contact.team"));
        team.setItems(teamsById.values().stream().sorted(Comparator.comparing(TeamSummary::name)).toList());
        team.setItemLabelGenerator(TeamSummary::name);
        team.setClearButtonVisible(true);
        team.setId("team");
        owner.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && e.getValue().teamId() != null) {
                team.setValue(teamsById.get(e.getValue().teamId())); // a new owner brings their team along
            }
        });

        Select<LifecycleStage> lifecycle = new Select<>();
        lifecycle.setLabel(getTranslation("contact.lifecycleStage"));
        lifecycle.setItems(LifecycleStage.values());
        lifecycle.setItemLabelGenerator(s -> getTranslation("lifecycle." + s.name()));
        lifecycle.setId("lifecycleStage");
        Select<String> funnel = new Select<>();
        funnel.setLabel(getTranslation("contact.funnelStage"));
        funnel.setItems(stages.stream().map(FunnelStage::code).toList());
        // stage and reason names are data (editable in the funnel settings), in the user's language
        funnel.setItemLabelGenerator(code -> stagesByCode.containsKey(code)
                ? stagesByCode.get(code).name(getLocale()) : code);
        funnel.setId("funnelStage");
        status.setLabel(getTranslation("contact.status"));
        status.setItems(ContactStatus.values());
        status.setItemLabelGenerator(s -> getTranslation("status." + s.name()));
        status.setId("status");
        lostReason.setLabel(getTranslation("contact.lostReason"));
        offerLostReasons(null);
        lostReason.setItemLabelGenerator(code -> lostReasonsByCode.containsKey(code)
                ? lostReasonsByCode.get(code).name(getLocale()) : code);
        lostReason.setId("lostReason");
        lostNote.setLabel(getTranslation("contact.lostNote"));
        lostNote.setId("lostNote");
        status.addValueChangeListener(e -> showLostFields());

        ComboBox<FirstTouchSource> source = new ComboBox<>(getTranslation("contact.firstTouchSource"));
        source.setItems(FirstTouchSource.values());
        source.setItemLabelGenerator(s -> getTranslation("source." + s.name()));
        source.setClearButtonVisible(true);
        source.setId("firstTouchSource");
        DateTimePicker firstTouchAt = new DateTimePicker(getTranslation("contact.firstTouchAt"));
        firstTouchAt.setId("firstTouchAt");
        TextField campaign = text("contact.firstTouchCampaign", "firstTouchCampaign");
        TextArea context = new TextArea(getTranslation("contact.firstTouchContext"));
        context.setId("firstTouchContext");
        context.setHelperText(getTranslation("contact.firstTouchContext.help"));

        doNotContact.setLabel(getTranslation("contact.doNotContact"));
        doNotContact.setId("doNotContact");
        doNotContactReason.setLabel(getTranslation("contact.doNotContactReason"));
        doNotContactReason.setId("doNotContactReason");
        doNotContact.addValueChangeListener(e -> doNotContactReason.setVisible(e.getValue()));

        binder.forField(firstName).bind("firstName");
        binder.forField(lastName).bind("lastName");
        binder.forField(email).withNullRepresentation("").bind("email");
        binder.forField(phone).withNullRepresentation("").bind("phone");
        binder.forField(company).withNullRepresentation("").bind("company");
        binder.forField(jobTitle).withNullRepresentation("").bind("jobTitle");
        binder.forField(country).bind("country");
        binder.forField(city).withNullRepresentation("").bind("city");
        binder.forField(productInterest).withNullRepresentation("")
                .bind("productInterest");
        binder.forField(channel).bind("preferredChannel");
        binder.forField(owner).bind(f -> f.getOwnerId() == null ? null : usersById.get(f.getOwnerId()),
                (f, u) -> f.setOwnerId(u == null ? null : u.id()));
        binder.forField(team).bind(f -> f.getTeamId() == null ? null : teamsById.get(f.getTeamId()),
                (f, t) -> f.setTeamId(t == null ? null : t.id()));
        binder.forField(lifecycle).bind("lifecycleStage");
        binder.forField(funnel).bind("funnelStage");
        binder.forField(status).bind("status");
        binder.forField(lostReason)
                .withValidator(r -> r != null || status.getValue() != ContactStatus.LOST,
                        getTranslation("contact.lostReasonRequired"))
                .bind(ContactForm::getLostReason, (f, code) -> f.setLostReason(code));
        binder.forField(lostNote).withNullRepresentation("").bind("lostNote");
        binder.forField(source).bind("firstTouchSource");
        binder.forField(firstTouchAt)
                .bind(f -> f.getFirstTouchAt() == null ? null : LocalDateTime.ofInstant(f.getFirstTouchAt(), Formats.zone()),
                        (f, t) -> f.setFirstTouchAt(t == null ? null : t.atZone(Formats.zone()).toInstant()));
        binder.forField(campaign).withNullRepresentation("")
                .bind("firstTouchCampaign");
        binder.forField(context).withNullRepresentation("")
                .bind("firstTouchContext");
        binder.forField(doNotContact).bind("doNotContact");
        binder.forField(doNotContactReason).withNullRepresentation("")
                .withValidator(r -> !doNotContact.getValue() || (r != null && !r.isBlank()),
                        getTranslation("contact.doNotContactReasonRequired"))
                .bind("doNotContactReason");

        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2),
                new FormLayout.ResponsiveStep("60em", 3));
        form.add(section("profile.section.person"), firstName, lastName, email, phone, company, jobTitle, country,
                city, productInterest);
        form.add(section("profile.section.relationship"), channel, owner, team, lifecycle, funnel, status,
                lostReason, lostNote, reopenBox);
        form.add(section("profile.section.firstTouch"), source, firstTouchAt, campaign, context);
        form.add(section("profile.section.consent"), doNotContact, doNotContactReason);
        form.setColspan(context, 3);
        return form;
    }

    private H3 section(String key) {
        H3 h = new H3(getTranslation(key));
        h.addClassName("form-section");
        h.getElement().setAttribute("colspan", "3");
        return h;
    }

    private TextField text(String labelKey, String id) {
        TextField field = new TextField(getTranslation(labelKey));
        field.setId(id);
        return field;
    }

    private String countryName(String code) {
        return Locale.of("", code).getDisplayCountry(getLocale());
    }

    private HorizontalLayout buildButtons() {
        save.setText(getTranslation("action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save");
        save.addClickListener(e -> save());
        save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL).setBrowserDefaultAllowed(false);
        cancel.setText(getTranslation("action.cancel"));
        cancel.setId("cancel");
        cancel.addClickListener(e -> cancel());
        cancel.addClickShortcut(Key.ESCAPE);
        delete.setText(getTranslation("action.delete"));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.setId("delete");
        delete.addClickListener(e -> confirmDelete());
        Span hint = new Span(getTranslation("profile.shortcuts"));
        hint.addClassName("shortcut-hint");
        HorizontalLayout buttons = new HorizontalLayout(save, cancel, delete, hint);
        buttons.setAlignItems(FlexComponent.Alignment.CENTER);
        return buttons;
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        if (NEW.equals(parameter)) {
            if (!contacts.canCreate()) {
                event.rerouteToError(IllegalArgumentException.class, getTranslation("error.accessDenied"));
                return;
            }
            showContact(new ContactForm());
            return;
        }
        try {
            showContact(contacts.load(Long.parseLong(parameter)));
        } catch (NumberFormatException | ValidationFailedException e) {
            Notifications.error(getTranslation("contact.notFound"));
            event.forwardTo(ContactsView.class);
        }
    }

    private void showContact(ContactForm contact) {
        original = contact;
        offerLostReasons(contact.getLostReason());
        binder.readBean(contact.copy());
        boolean isNew = contact.getId() == null;
        boolean editable = isNew ? contacts.canCreate() : contacts.canEdit(contact);
        binder.setReadOnly(!editable);
        save.setVisible(editable);
        cancel.setVisible(editable);
        delete.setVisible(!isNew && contacts.canDelete());
        heading.setText(isNew ? getTranslation("contacts.new") : contact.getFirstName() + " " + contact.getLastName());
        showMeta(contact);
        changedBanner.setVisible(false);
        save.setEnabled(true);
        if (!Objects.equals(registeredContactId, contact.getId())) {
            registerViewer(contact.getId());
        }
        showViewers();
        showLostFields();
        showReopen(contact, editable);
        doNotContactReason.setVisible(doNotContact.getValue());
        showSegments(contact);
        showFeatureSections(contact);
        showTimeline(contact);
        scoreExplanation.setVisible(!isNew);
        lifecycleBox.removeAll();
        if (!isNew) {
            scoreExplanation.show(contact.getId());
            // moving a contact back a lifecycle stage is a person's decision, with a reason
            lifecycleBox.add(new LifecycleMoveBack(lifecycle, contact.getId(),
                    stage -> showContact(contacts.load(contact.getId()))));
        }
    }

    private void showMeta(ContactForm contact) {
        boolean isNew = contact.getId() == null;
        meta.setText(isNew ? "" : getTranslation("profile.meta",
                getTranslation("temperature." + contact.getTemperature().name()), contact.getScore(),
                Formats.dateTime(contact.getUpdatedAt()), Formats.relative(contact.getLastActivityAt())));
        if (!isNew && !contacts.canEdit(contact)) {
            meta.setText(meta.getText() + " · " + getTranslation("profile.readOnly"));
        }
    }

    /** Which segments the contact is in now, and whether any of them forbids correspondence. */
    private void showSegments(ContactForm contact) {
        segmentBox.removeAll();
        if (contact.getId() == null) {
            return;
        }
        segmentBox.add(new H3(getTranslation("profile.segments")));
        List<SegmentSummary> in = segments.segmentsOf(contact.getId());
        if (in.isEmpty()) {
            segmentBox.add(new Span(getTranslation("profile.segments.none")));
        }
        for (SegmentSummary segment : in) {
            Span badge = new Span(segment.name());
            badge.getElement().getThemeList().add(segment.noCorrespondence() ? "badge error" : "badge contrast");
            if (segment.noCorrespondence()) {
                badge.setTitle(getTranslation("segments.noCorrespondence.help"));
            }
            segmentBox.add(badge);
        }
    }

    private void showFeatureSections(ContactForm contact) {
        featureSections.removeAll();
        if (contact.getId() != null) {
            sections.forEach(section -> section.build(contact).ifPresent(featureSections::add));
        }
    }

    /** The reasons in use, plus a retired one the contact already carries (so it still shows). */
    private void offerLostReasons(String current) {
        lostReason.setItems(lostReasonsByCode.values().stream()
                .filter(r -> r.active() || r.code().equals(current))
                .sorted(Comparator.comparingInt(LostReasonOption::position)).map(LostReasonOption::code).toList());
    }

    private void showReopen(ContactForm contact, boolean editable) {
        reopenBox.removeAll();
        boolean closed = contact.getStatus() == ContactStatus.LOST || contact.getStatus() == ContactStatus.WON;
        if (contact.getId() != null && editable && closed) {
            reopenBox.add(new ReopenContactButton(board, funnelStages, contact.getId(), contact.getVersion(),
                    () -> showContact(contacts.load(contact.getId()))));
        }
    }

    private void showLostFields() {
        boolean lost = status.getValue() == ContactStatus.LOST;
        lostReason.setVisible(lost);
        lostNote.setVisible(lost);
    }

    private void showTimeline(ContactForm contact) {
        contactTimeline.show(contact.getId());
    }

    private void save() {
        ContactForm edited = original.copy();
        if (!binder.writeBeanIfValid(edited)) {
            Notifications.error(getTranslation("profile.fixErrors"));
            return;
        }
        try {
            ContactForm saved = edited.getId() == null ? contacts.create(edited) : contacts.update(edited);
            Notifications.success(getTranslation("profile.saved", saved.getFirstName() + " " + saved.getLastName()));
            if (edited.getId() == null) {
                getUI().ifPresent(ui -> ui.navigate(ContactProfileView.class, String.valueOf(saved.getId())));
            } else {
                // reload: rules that reacted to this save (lifecycle, score) may have moved the contact on already
                showContact(contacts.load(saved.getId()));
            }
        } catch (ContactConflictException conflict) {
            showConflict(conflict.current());
        } catch (ValidationFailedException invalid) {
            Notifications.error(getTranslation(invalid.messageKey(), invalid.params()));
        }
    }

    /** Someone saved this contact meanwhile: show what they changed; nothing of ours was written. */
    private void showConflict(ContactForm current) {
        List<FieldChange> theirs = ContactForm.differences(original, current);
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("conflict.title"));
        dialog.setId("conflict-dialog");
        dialog.add(new Paragraph(getTranslation("conflict.text")));
        UnorderedList changes = new UnorderedList();
        for (FieldChange change : theirs) {
            changes.add(new ListItem(getTranslation("contact." + change.field()) + ": "
                    + Objects.requireNonNullElse(change.oldValue(), "—") + " → "
                    + Objects.requireNonNullElse(change.newValue(), "—")));
        }
        dialog.add(changes);
        Button reload = new Button(getTranslation("conflict.reload"), e -> {
            dialog.close();
            showContact(current);
        });
        reload.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        reload.setId("conflict-reload");
        Button keep = new Button(getTranslation("conflict.keepMine"), e -> {
            dialog.close();
            // my edits stay in the fields; the next save applies them over the version I have now seen
            original = current;
            heading.setText(current.getFirstName() + " " + current.getLastName());
        });
        keep.setId("conflict-keep");
        dialog.getFooter().add(keep, reload);
        dialog.open();
    }

    private void cancel() {
        if (original.getId() == null) {
            getUI().ifPresent(ui -> ui.navigate(ContactsView.class));
        } else {
            showContact(contacts.load(original.getId()));
        }
    }

    private void confirmDelete() {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader(getTranslation("profile.delete.title"));
        confirm.setText(getTranslation("profile.delete.text", original.getFirstName() + " " + original.getLastName()));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmText(getTranslation("action.delete"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            contacts.delete(original.getId());
            Notifications.success(getTranslation("profile.deleted"));
            getUI().ifPresent(ui -> ui.navigate(ContactsView.class));
        });
        confirm.open();
    }

    @Override
    public String getPageTitle() {
        String name = original == null || original.getId() == null ? getTranslation("contacts.new")
                : original.getFirstName() + " " + original.getLastName();
        return name + " · " + getTranslation("app.name");
    }
}
