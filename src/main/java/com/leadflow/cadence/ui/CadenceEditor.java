package com.leadflow.cadence.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.Notifications;
import com.leadflow.cadence.CadenceForm;
import com.leadflow.cadence.CadenceService;
import com.leadflow.cadence.CadenceStep;
import com.leadflow.cadence.IntervalUnit;
import com.leadflow.cadence.StepKind;
import com.leadflow.cadence.StepPreview;
import com.leadflow.cadence.TaskType;
import com.leadflow.messaging.EmailTemplate;
import com.leadflow.messaging.EmailTemplateService;
import com.leadflow.segment.SegmentService;
import com.leadflow.segment.SegmentSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits one cadence: name, segment, priority, active, and its steps (email with a template, or a task; delay,
 * repeat interval, end after N), with a preview of the next 30 days that follows every edit before saving.
 */
class CadenceEditor extends Dialog {

    private final CadenceService cadences;
    private final CadenceForm original;
    private final Runnable saved;
    private final List<EmailTemplate> templateList;
    private final TextField name = new TextField();
    private final TextArea description = new TextArea();
    private final ComboBox<SegmentSummary> segment = new ComboBox<>();
    private final IntegerField priority = new IntegerField();
    private final Checkbox active = new Checkbox();
    private final VerticalLayout stepList = new VerticalLayout();
    private final List<StepRow> rows = new ArrayList<>();
    private final Grid<StepPreview> preview = new Grid<>(StepPreview.class, false);
    private final Span suppressedNote = new Span();

    CadenceEditor(CadenceService cadences, SegmentService segments, EmailTemplateService templates, CadenceForm form,
                  boolean canEdit, Runnable saved) {
        this.cadences = cadences;
        this.original = form;
        this.saved = saved;
        this.templateList = templates.list();
        setId("cadence-editor");
        setHeaderTitle(getTranslation(form == null ? "cadence.editor.new" : "cadence.editor.edit"));
        setWidth("min(64rem, 96vw)");

        name.setId("cadence-name");
        name.setLabel(getTranslation("cadence.list.name"));
        name.setRequired(true);
        name.setMaxLength(120);
        description.setLabel(getTranslation("cadence.editor.description"));
        description.setMaxLength(1000);
        segment.setId("cadence-segment");
        segment.setLabel(getTranslation("cadence.list.segment"));
        List<SegmentSummary> segmentList = segments.list();
        segment.setItems(segmentList);
        segment.setItemLabelGenerator(s -> s.name() + " (" + Formats.number(s.memberCount()) + ")");
        segment.setRequired(true);
        priority.setId("cadence-priority");
        priority.setLabel(getTranslation("cadence.list.priority"));
        priority.setHelperText(getTranslation("cadence.editor.priorityHelp"));
        priority.setMin(1);
        priority.setMax(999);
        priority.setStepButtonsVisible(true);
        active.setLabel(getTranslation("cadence.list.active"));
        suppressedNote.addClassName("cadence-suppressed-note");

        if (form != null) {
            name.setValue(form.name());
            description.setValue(form.description() == null ? "" : form.description());
            segmentList.stream().filter(s -> s.id() == form.segmentId()).findFirst().ifPresent(segment::setValue);
            priority.setValue(form.priority());
            active.setValue(form.active());
            form.steps().forEach(this::addRow);
        } else {
            priority.setValue(50);
            active.setValue(true);
        }

        FormLayout head = new FormLayout(name, segment, priority, active, description);
        head.setColspan(description, 2);
        stepList.setPadding(false);
        stepList.setSpacing(true);
        stepList.setId("cadence-steps");
        Button addEmail = new Button(getTranslation("cadence.editor.addEmail"), VaadinIcon.ENVELOPE_O.create(),
                e -> addRow(new CadenceStep(null, StepKind.EMAIL, null,
                        templateList.isEmpty() ? null : templateList.getFirst().id(), 1, IntervalUnit.DAYS, 1,
                        IntervalUnit.MONTHS, null)));
        addEmail.setId("add-email-step");
        Button addTask = new Button(getTranslation("cadence.editor.addTask"), VaadinIcon.PHONE.create(),
                e -> addRow(new CadenceStep(null, StepKind.TASK, TaskType.CALL, null, 7, IntervalUnit.DAYS, 3,
                        IntervalUnit.MONTHS, null)));
        addTask.setId("add-task-step");

        preview.setId("cadence-preview");
        preview.setAllRowsVisible(true);
        preview.addColumn(StepPreview::position).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        preview.addColumn(p -> p.kind() == StepKind.EMAIL ? getTranslation("cadence.kind.EMAIL")
                : getTranslation("cadence.task." + p.taskType().name())).setHeader(getTranslation("cadence.editor.step"));
        preview.addColumn(p -> Formats.number(p.contacts())).setHeader(getTranslation("cadence.editor.previewContacts"))
                .setTextAlign(ColumnTextAlign.END);
        preview.addColumn(p -> Formats.number(p.touches())).setHeader(getTranslation("cadence.editor.previewTouches"))
                .setTextAlign(ColumnTextAlign.END);
        preview.addColumn(p -> p.kind() == StepKind.EMAIL ? Formats.number(p.suppressed()) : "")
                .setHeader(getTranslation("cadence.editor.previewHeld")).setTextAlign(ColumnTextAlign.END)
                .setTooltipGenerator(p -> getTranslation("cadence.editor.previewHeldHelp"));
        preview.addColumn(p -> p.kind() == StepKind.EMAIL ? Formats.number(p.mayCollide()) : "")
                .setHeader(getTranslation("cadence.editor.previewCollide")).setTextAlign(ColumnTextAlign.END)
                .setTooltipGenerator(p -> getTranslation("cadence.editor.previewCollideHelp"));

        segment.addValueChangeListener(e -> updatePreview());
        priority.addValueChangeListener(e -> updatePreview());
        active.addValueChangeListener(e -> updatePreview());

        add(head, new H3(getTranslation("cadence.editor.steps")), stepList,
                new HorizontalLayout(addEmail, addTask), suppressedNote,
                new H3(getTranslation("cadence.editor.preview")), preview);

        Button save = new Button(getTranslation("cadence.save"), e -> save());
        save.setId("cadence-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(canEdit);
        getFooter().add(new Button(getTranslation("cadence.cancel"), e -> close()), save);
        updatePreview();
    }

    private void addRow(CadenceStep step) {
        StepRow row = new StepRow(step);
        rows.add(row);
        stepList.add(row);
        updatePreview();
    }

    private CadenceForm form() {
        SegmentSummary s = segment.getValue();
        return new CadenceForm(original == null ? null : original.id(), original == null ? null : original.systemKey(),
                name.getValue(), description.getValue(), s == null ? null : s.id(),
                priority.getValue() == null ? 0 : priority.getValue(), active.getValue(),
                rows.stream().map(StepRow::step).toList(), original == null ? 0 : original.version());
    }

    private void updatePreview() {
        SegmentSummary s = segment.getValue();
        suppressedNote.setText(s != null && s.noCorrespondence() ? getTranslation("cadence.editor.suppressedSegment") : "");
        try {
            preview.setItems(cadences.preview(form()));
        } catch (RuntimeException e) {
            preview.setItems(List.of()); // an incomplete step: the preview waits until it makes sense
        }
    }

    private void save() {
        CadenceForm result = cadences.save(form());
        Notifications.success(getTranslation("cadence.editor.saved", result.name()));
        close();
        saved.run();
    }

    /** One step: kind, template or task, delay, repeat, end after; removable. */
    private final class StepRow extends HorizontalLayout {

        private final Long id;
        private final StepKind kind;
        private final ComboBox<EmailTemplate> template = new ComboBox<>();
        private final Select<TaskType> task = new Select<>();
        private final IntegerField delay = new IntegerField();
        private final Select<IntervalUnit> delayUnit = new Select<>();
        private final IntegerField repeat = new IntegerField();
        private final Select<IntervalUnit> repeatUnit = new Select<>();
        private final IntegerField max = new IntegerField();

        StepRow(CadenceStep step) {
            this.id = step.id();
            this.kind = step.kind();
            addClassName("cadence-step-row");
            setAlignItems(FlexComponent.Alignment.BASELINE);
            setWrap(true);
            Div badge = new Div(getTranslation(kind == StepKind.EMAIL ? "cadence.kind.EMAIL" : "cadence.kind.TASK"));
            badge.addClassNames("cadence-step-kind", kind.name().toLowerCase());
            add(badge);
            if (kind == StepKind.EMAIL) {
                template.setLabel(getTranslation("cadence.editor.template"));
                template.setItems(templateList);
                template.setItemLabelGenerator(EmailTemplate::name);
                templateList.stream().filter(t -> t.id().equals(step.templateId())).findFirst().ifPresent(template::setValue);
                template.addValueChangeListener(e -> updatePreview());
                add(template);
            } else {
                task.setLabel(getTranslation("cadence.editor.task"));
                task.setItems(TaskType.values());
                task.setItemLabelGenerator(t -> getTranslation("cadence.task." + t.name()));
                task.setValue(step.taskType());
                add(task);
            }
            delay.setLabel(getTranslation("cadence.editor.delay"));
            delay.setMin(0);
            delay.setValue(step.delayAmount());
            delay.setWidth("6em");
            unit(delayUnit, step.delayUnit());
            repeat.setLabel(getTranslation("cadence.editor.repeat"));
            repeat.setMin(0);
            repeat.setHelperText(getTranslation("cadence.editor.repeatHelp"));
            repeat.setValue(step.repeatAmount());
            repeat.setWidth("6em");
            unit(repeatUnit, step.repeatUnit() == null ? IntervalUnit.MONTHS : step.repeatUnit());
            max.setLabel(getTranslation("cadence.editor.max"));
            max.setMin(1);
            max.setValue(step.maxTouches());
            max.setWidth("7em");
            max.setHelperText(getTranslation("cadence.editor.maxHelp"));
            Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
                rows.remove(this);
                stepList.remove(this);
                updatePreview();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("cadence.editor.removeStep"));
            add(delay, delayUnit, repeat, repeatUnit, max, remove);
            for (IntegerField f : List.of(delay, repeat, max)) {
                f.addValueChangeListener(e -> updatePreview());
            }
        }

        private void unit(Select<IntervalUnit> select, IntervalUnit value) {
            select.setItems(IntervalUnit.values());
            select.setItemLabelGenerator(u -> getTranslation("cadence.unit." + u.name()));
            select.setValue(value);
            select.setWidth("8em");
            select.addValueChangeListener(e -> updatePreview());
        }

        CadenceStep step() {
            return new CadenceStep(id, kind, kind == StepKind.TASK ? task.getValue() : null,
                    kind == StepKind.EMAIL && template.getValue() != null ? template.getValue().id() : null,
                    delay.getValue() == null ? -1 : delay.getValue(), delayUnit.getValue(),
                    repeat.getValue() == null || repeat.getValue() == 0 ? null : repeat.getValue(),
                    repeat.getValue() == null || repeat.getValue() == 0 ? null : repeatUnit.getValue(), max.getValue());
        }
    }
}
