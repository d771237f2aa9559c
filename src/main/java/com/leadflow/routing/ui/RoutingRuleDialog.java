package com.leadflow.routing.ui;

import com.leadflow.routing.RepSettings;
import com.leadflow.routing.RoutingRule;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.ui.RuleBuilder;
import com.leadflow.rules.ui.SegmentChoice;
import com.leadflow.security.TeamSummary;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Edits one routing rule: name, contact conditions in the shared rule builder (or "any contact"), arrival weekdays
 * and time window, landing page text, target (team, rep or the queue), SLA override and re-route on breach. The
 * default rule has no conditions: only its target and SLA are edited.
 */
class RoutingRuleDialog extends Dialog {

    enum TargetKind { TEAM, REP, QUEUE }

    final TextField name = new TextField();
    final Checkbox enabled = new Checkbox();
    final Checkbox anyContact = new Checkbox();
    final RuleBuilder builder;
    final CheckboxGroup<DayOfWeek> days = new CheckboxGroup<>();
    final TimePicker from = new TimePicker();
    final TimePicker to = new TimePicker();
    final TextField landingPage = new TextField();
    final RadioButtonGroup<TargetKind> targetKind = new RadioButtonGroup<>();
    final ComboBox<TeamSummary> team = new ComboBox<>();
    final ComboBox<RepSettings> rep = new ComboBox<>();
    final IntegerField slaMinutes = new IntegerField();
    final Checkbox reroute = new Checkbox();
    final Button ok = new Button();

    RoutingRuleDialog(RoutingRule rule, FieldCatalog catalog, List<SegmentChoice> segments, List<TeamSummary> teams,
                      List<RepSettings> reps, boolean editable, Consumer<RoutingRule> onSave) {
        setHeaderTitle(getTranslation(rule.isDefault() ? "routing.rule.editDefault"
                : rule.id() == null ? "routing.rule.new" : "routing.rule.edit"));
        setWidth("min(64em, 96vw)");
        addClassName("routing-rule-dialog");

        name.setLabel(getTranslation("routing.rule.name"));
        name.setId("routing-rule-name");
        name.setMaxLength(120);
        name.setRequiredIndicatorVisible(true);
        name.setValue(rule.name() == null ? "" : rule.name());
        enabled.setLabel(getTranslation("routing.rule.enabled"));
        enabled.setValue(rule.enabled());

        anyContact.setLabel(getTranslation("routing.rule.anyContact"));
        anyContact.setId("routing-rule-any");
        anyContact.setValue(rule.condition() == null);
        builder = new RuleBuilder(catalog, segments);
        builder.setRule(rule.condition());
        builder.setVisible(rule.condition() != null);
        anyContact.addValueChangeListener(e -> builder.setVisible(!e.getValue()));

        days.setLabel(getTranslation("routing.rule.days"));
        days.setId("routing-rule-days");
        days.setItems(DayOfWeek.values());
        days.setItemLabelGenerator(d -> d.getDisplayName(TextStyle.SHORT, getLocale()));
        days.setValue(rule.arrivalDays().isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(rule.arrivalDays()));
        days.setHelperText(getTranslation("routing.rule.days.help"));
        from.setLabel(getTranslation("routing.rule.from"));
        from.setId("routing-rule-from");
        to.setLabel(getTranslation("routing.rule.to"));
        to.setId("routing-rule-to");
        for (TimePicker picker : List.of(from, to)) {
            picker.setStep(Duration.ofMinutes(15));
            picker.setClearButtonVisible(true);
        }
        from.setValue(rule.arrivalFrom());
        to.setValue(rule.arrivalTo());
        to.setHelperText(getTranslation("routing.rule.window.help"));
        landingPage.setLabel(getTranslation("routing.rule.landingPage"));
        landingPage.setId("routing-rule-landing");
        landingPage.setMaxLength(200);
        landingPage.setHelperText(getTranslation("routing.rule.landingPage.help"));
        landingPage.setValue(rule.landingPageContains() == null ? "" : rule.landingPageContains());

        targetKind.setLabel(getTranslation("routing.rule.target"));
        targetKind.setId("routing-rule-target");
        targetKind.setItems(TargetKind.values());
        targetKind.setItemLabelGenerator(k -> getTranslation("routing.target." + k.name()));
        team.setLabel(getTranslation("routing.rule.team"));
        team.setId("routing-rule-team");
        team.setItems(teams);
        team.setItemLabelGenerator(TeamSummary::name);
        rep.setLabel(getTranslation("routing.rule.rep"));
        rep.setId("routing-rule-rep");
        rep.setItems(reps);
        rep.setItemLabelGenerator(r -> r.teamName() == null ? r.displayName() : r.displayName() + " (" + r.teamName() + ")");
        TargetKind kind = rule.targetTeamId() != null ? TargetKind.TEAM
                : rule.targetUserId() != null ? TargetKind.REP : TargetKind.QUEUE;
        targetKind.setValue(kind);
        teams.stream().filter(t -> rule.targetTeamId() != null && t.id() == rule.targetTeamId()).findFirst()
                .ifPresent(team::setValue);
        reps.stream().filter(r -> rule.targetUserId() != null && r.userId() == rule.targetUserId()).findFirst()
                .ifPresent(rep::setValue);
        showTarget();
        targetKind.addValueChangeListener(e -> showTarget());

        slaMinutes.setLabel(getTranslation("routing.rule.sla"));
        slaMinutes.setId("routing-rule-sla");
        slaMinutes.setHelperText(getTranslation("routing.rule.sla.help"));
        slaMinutes.setMin(1);
        slaMinutes.setValue(rule.slaMinutes());
        slaMinutes.setClearButtonVisible(true);
        reroute.setLabel(getTranslation("routing.rule.reroute"));
        reroute.setId("routing-rule-reroute");
        reroute.setValue(rule.rerouteOnBreach());

        FormLayout head = new FormLayout(name, enabled);
        FormLayout arrival = new FormLayout(days, from, to, landingPage);
        arrival.setColspan(days, 2);
        arrival.setColspan(landingPage, 2);
        FormLayout target = new FormLayout(targetKind, team, rep, slaMinutes, reroute);
        target.setColspan(targetKind, 2);
        if (rule.isDefault()) {
            name.setReadOnly(true);
            enabled.setVisible(false);
            Span note = new Span(getTranslation("routing.rule.default.help"));
            note.addClassName("routing-muted");
            add(head, note, new H4(getTranslation("routing.rule.section.target")), target);
        } else {
            add(head, new H4(getTranslation("routing.rule.section.contact")), anyContact, builder,
                    new H4(getTranslation("routing.rule.section.arrival")), arrival,
                    new H4(getTranslation("routing.rule.section.target")), target);
        }
        if (!editable) {
            builder.setReadOnly(true);
            List.of(name, landingPage).forEach(f -> f.setReadOnly(true));
            List.of(enabled, anyContact, reroute).forEach(f -> f.setReadOnly(true));
            days.setReadOnly(true);
            from.setReadOnly(true);
            to.setReadOnly(true);
            targetKind.setReadOnly(true);
            team.setReadOnly(true);
            rep.setReadOnly(true);
            slaMinutes.setReadOnly(true);
        }

        ok.setText(getTranslation("routing.rule.apply"));
        ok.setId("routing-rule-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.setVisible(editable);
        ok.addClickListener(e -> {
            if (valid()) {
                Rule condition = anyContact.getValue() || rule.isDefault() ? null : builder.getRule();
                onSave.accept(new RoutingRule(rule.id(), name.getValue().trim(), enabled.getValue(), rule.isDefault(),
                        condition, days.getValue().size() == 7 ? null : days.getValue(), from.getValue(),
                        to.getValue(), landingPage.getValue(),
                        targetKind.getValue() == TargetKind.TEAM ? team.getValue().id() : null,
                        targetKind.getValue() == TargetKind.REP ? rep.getValue().userId() : null,
                        slaMinutes.getValue(), reroute.getValue(), rule.version()));
            }
        });
        Button cancel = new Button(getTranslation(editable ? "action.cancel" : "routing.close"), e -> close());
        getFooter().add(cancel, ok);
    }

    private void showTarget() {
        team.setVisible(targetKind.getValue() == TargetKind.TEAM);
        rep.setVisible(targetKind.getValue() == TargetKind.REP);
    }

    private boolean valid() {
        boolean valid = true;
        if (name.getValue().isBlank()) {
            name.setInvalid(true);
            name.setErrorMessage(getTranslation("routing.invalid.name"));
            valid = false;
        }
        if (!anyContact.getValue() && builder.isVisible()) {
            Rule rule = builder.getRule();
            boolean empty = rule.root() instanceof RuleNode.Group group && group.children().isEmpty();
            if (empty) {
                anyContact.setValue(true); // an empty condition means any contact: say so instead of refusing
            } else if (!builder.validate().isEmpty()) {
                valid = false;
            }
        }
        if ((from.getValue() == null) != (to.getValue() == null)
                || (from.getValue() != null && from.getValue().equals(to.getValue()))) {
            to.setInvalid(true);
            to.setErrorMessage(getTranslation("routing.invalid.arrivalWindow"));
            valid = false;
        }
        if (targetKind.getValue() == TargetKind.TEAM && team.getValue() == null) {
            team.setInvalid(true);
            team.setErrorMessage(getTranslation("routing.invalid.team"));
            valid = false;
        }
        if (targetKind.getValue() == TargetKind.REP && rep.getValue() == null) {
            rep.setInvalid(true);
            rep.setErrorMessage(getTranslation("routing.invalid.rep"));
            valid = false;
        }
        if (slaMinutes.isInvalid() || (slaMinutes.getValue() != null && slaMinutes.getValue() < 1)) {
            slaMinutes.setInvalid(true);
            slaMinutes.setErrorMessage(getTranslation("routing.invalid.slaMinutes", 86400));
            valid = false;
        }
        return valid;
    }
}
