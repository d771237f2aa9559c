package com.leadflow.segment.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleProblem;
import com.leadflow.rules.RuleQueryService;
import com.leadflow.rules.RuleValidationException;
import com.leadflow.rules.ui.RuleBuilder;
import com.leadflow.rules.ui.SegmentChoice;
import com.leadflow.segment.SegmentForm;
import com.leadflow.segment.SegmentHistoryItem;
import com.leadflow.segment.SegmentMemberItem;
import com.leadflow.segment.SegmentService;
import com.leadflow.segment.SegmentSummary;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.dao.OptimisticLockingFailureException;

import java.util.List;
import java.util.Objects;

/** One segment: its rule in the rule builder with a live preview, its members, and who entered and left when. */
@Route(value = "segment", layout = MainLayout.class)
@PermitAll
class SegmentDetailView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    static final String NEW = "new";
    private static final int PREVIEW_SIZE = 10;

    private final SegmentService segments;
    private final RuleQueryService ruleQueries;
    private final FieldCatalogProvider catalogs;

    private final H2 heading = new H2();
    private final TextField name = new TextField();
    private final TextArea description = new TextArea();
    private final Checkbox noCorrespondence = new Checkbox();
    private final Div builderHolder = new Div();
    private final Span previewCount = new Span();
    private final UnorderedList previewList = new UnorderedList();
    private final Button save = new Button();
    private final Button delete = new Button();
    private final Grid<SegmentMemberItem> members = new Grid<>(SegmentMemberItem.class, false);
    private final Grid<SegmentHistoryItem> history = new Grid<>(SegmentHistoryItem.class, false);
    private final TabSheet tabs = new TabSheet();

    private RuleBuilder builder;
    private SegmentForm form;

    SegmentDetailView(SegmentService segments, RuleQueryService ruleQueries, FieldCatalogProvider catalogs) {
        this.segments = segments;
        this.ruleQueries = ruleQueries;
        this.catalogs = catalogs;
        addClassName("segment-detail-view");

        name.setLabel(getTranslation("segments.name"));
        name.setId("segment-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(120);
        description.setLabel(getTranslation("segments.description"));
        description.setId("segment-description");
        description.setMaxLength(1000);
        noCorrespondence.setLabel(getTranslation("segments.noCorrespondence.label"));
        noCorrespondence.setId("segment-no-correspondence");
        noCorrespondence.setTooltipText(getTranslation("segments.noCorrespondence.help"));
        FormLayout fields = new FormLayout(name, noCorrespondence, description);
        fields.setColspan(description, 2);

        previewCount.setId("preview-count");
        previewCount.addClassName("preview-count");
        previewList.setId("preview-list");
        Div preview = new Div(new H3(getTranslation("segments.preview")), previewCount, previewList);
        preview.addClassName("segment-preview");
        builderHolder.addClassName("segment-rule");
        HorizontalLayout ruleAndPreview = new HorizontalLayout(builderHolder, preview);
        ruleAndPreview.setWidthFull();
        ruleAndPreview.setFlexGrow(3, builderHolder);
        ruleAndPreview.setFlexGrow(1, preview);
        ruleAndPreview.addClassName("segment-rule-preview");

        save.setText(getTranslation("action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("segment-save");
        save.addClickListener(e -> save());
        save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL).setBrowserDefaultAllowed(false);
        delete.setText(getTranslation("action.delete"));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.setId("segment-delete");
        delete.addClickListener(e -> confirmDelete());
        Button back = new Button(getTranslation("segments.back"), e -> UI.getCurrent().navigate(SegmentsView.class));
        HorizontalLayout buttons = new HorizontalLayout(save, back, delete);
        buttons.setAlignItems(FlexComponent.Alignment.CENTER);

        configureMembers();
        configureHistory();
        tabs.add(getTranslation("segments.tab.members"), members);
        tabs.add(getTranslation("segments.tab.history"), history);
        tabs.setWidthFull();
        tabs.setHeight("28em");

        add(heading, fields, new H3(getTranslation("segments.rule")), ruleAndPreview, buttons, tabs);
    }

    private void configureMembers() {
        members.setId("segment-members");
        members.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        members.addColumn(SegmentMemberItem::name).setHeader(getTranslation("contact.name")).setFlexGrow(2);
        members.addColumn(SegmentMemberItem::company).setHeader(getTranslation("contact.company")).setFlexGrow(2);
        members.addColumn(m -> getTranslation("lifecycle." + m.lifecycleStage())).setHeader(getTranslation("contact.lifecycleStage"));
        members.addColumn(m -> getTranslation("status." + m.status())).setHeader(getTranslation("contact.status"));
        members.addColumn(m -> Formats.dateTime(m.enteredAt())).setHeader(getTranslation("segments.enteredAt"));
        members.addItemClickListener(e -> UI.getCurrent().navigate("contact/" + e.getItem().contactId()));
    }

    private void configureHistory() {
        history.setId("segment-history");
        history.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        history.addColumn(SegmentHistoryItem::contactName).setHeader(getTranslation("contact.name")).setFlexGrow(2);
        history.addColumn(h -> Formats.dateTime(h.enteredAt())).setHeader(getTranslation("segments.enteredAt"));
        history.addColumn(h -> getTranslation("membershipReason." + h.entryReason())).setHeader(getTranslation("segments.why"));
        history.addColumn(h -> Formats.dateTime(h.exitedAt())).setHeader(getTranslation("segments.exitedAt"));
        history.addColumn(h -> h.exitReason() == null ? "" : getTranslation("membershipReason." + h.exitReason()))
                .setHeader(getTranslation("segments.why"));
        history.addItemClickListener(e -> UI.getCurrent().navigate("contact/" + e.getItem().contactId()));
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        try {
            form = NEW.equals(parameter) ? new SegmentForm() : segments.load(Long.parseLong(parameter));
        } catch (NumberFormatException | ValidationFailedException e) {
            Notifications.error(getTranslation("segment.notFound"));
            event.forwardTo(SegmentsView.class);
            return;
        }
        show(form);
    }

    private void show(SegmentForm segment) {
        boolean isNew = segment.getId() == null;
        boolean editable = segments.canEdit();
        heading.setText(isNew ? getTranslation("segments.new") : segment.getName());
        name.setValue(Objects.requireNonNullElse(segment.getName(), ""));
        description.setValue(Objects.requireNonNullElse(segment.getDescription(), ""));
        noCorrespondence.setValue(segment.isNoCorrespondence());
        List<SegmentChoice> choices = segments.list().stream()
                .filter(s -> segment.getId() == null || s.id() != segment.getId())
                .map(s -> new SegmentChoice(s.id(), s.name())).toList();
        builder = new RuleBuilder(catalogs.forEditing(getLocale()), choices);
        builder.setRule(segment.getRule());
        builder.setReadOnly(!editable);
        builder.addRuleChangeListener(this::preview);
        builderHolder.removeAll();
        builderHolder.add(builder);
        name.setReadOnly(!editable);
        description.setReadOnly(!editable);
        noCorrespondence.setReadOnly(!editable);
        save.setVisible(editable);
        delete.setVisible(editable && !isNew && segment.getSystemKey() == null);
        tabs.setVisible(!isNew);
        if (!isNew) {
            long id = segment.getId();
            members.setItems(q -> segments.members(id, q.getOffset(), q.getLimit()).stream());
            history.setItems(q -> segments.history(id, q.getOffset(), q.getLimit()).stream());
        }
        preview(builder.getRule());
    }

    /** The live preview: how many contacts the rule matches now, and the first few of them. */
    private void preview(Rule rule) {
        previewList.removeAll();
        List<RuleProblem> problems = builder.validate();
        if (!problems.isEmpty()) {
            previewCount.setText(getTranslation("segments.preview.invalid"));
            return;
        }
        try {
            long count = ruleQueries.count(rule);
            previewCount.setText(getTranslation("segments.preview.count", Formats.number(count)));
            for (String contact : segments.previewNames(ruleQueries.firstIds(rule, PREVIEW_SIZE))) {
                previewList.add(new ListItem(contact));
            }
        } catch (RuleValidationException e) {
            previewCount.setText(getTranslation("segments.preview.invalid"));
        }
    }

    private void save() {
        List<RuleProblem> problems = builder.validate();
        if (name.getValue().isBlank()) {
            name.setInvalid(true);
            name.setErrorMessage(getTranslation("validation.segmentName"));
            return;
        }
        if (!problems.isEmpty()) {
            Notifications.error(getTranslation("segments.fixRule"));
            return;
        }
        form.setName(name.getValue());
        form.setDescription(description.getValue());
        form.setNoCorrespondence(noCorrespondence.getValue());
        form.setRule(builder.getRule());
        try {
            SegmentSummary saved = segments.save(form);
            Notifications.success(getTranslation("segments.saved", saved.name(), Formats.number(saved.memberCount())));
            UI.getCurrent().navigate(SegmentDetailView.class, String.valueOf(saved.id()));
            if (form.getId() != null) {
                form = segments.load(saved.id());
                show(form);
            }
        } catch (RuleValidationException e) {
            builder.validate();
            Notifications.error(getTranslation("segments.fixRule"));
        } catch (ValidationFailedException e) {
            Notifications.error(getTranslation(e.messageKey(), e.params()));
        } catch (OptimisticLockingFailureException e) {
            Notifications.error(getTranslation("segments.changedMeanwhile"));
        }
    }

    private void confirmDelete() {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader(getTranslation("segments.delete.title"));
        confirm.setText(getTranslation("segments.delete.text", form.getName()));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmText(getTranslation("action.delete"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            try {
                segments.delete(form.getId());
                Notifications.success(getTranslation("segments.deleted"));
                UI.getCurrent().navigate(SegmentsView.class);
            } catch (ValidationFailedException ex) {
                Notifications.error(getTranslation(ex.messageKey(), ex.params()));
            }
        });
        confirm.open();
    }

    @Override
    public String getPageTitle() {
        String title = form == null || form.getId() == null ? getTranslation("segments.new") : form.getName();
        return title + " · " + getTranslation("app.name");
    }
}
