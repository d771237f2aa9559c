package com.leadflow.rules.ui;

import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleProblem;
import com.leadflow.rules.RuleValidator;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.shared.Registration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Edits a {@link Rule} as nested groups (all / any of, optionally negated) of contact field, behaviour, inactivity
 * and segment membership conditions; shared by the segment, scoring and lifecycle views. Every control is keyboard
 * reachable in reading order and named for screen readers; styles are in {@code rule-builder.css}.
 */
public class RuleBuilder extends Composite<Div> {

    /** The builder's own problem: a behaviour condition whose count was emptied (the tree holds -1 then). */
    static final String COUNT_MISSING = "ruleBuilder.problem.countMissing";

    private final BuilderContext context;
    private final RuleValidator validator;
    private final List<Consumer<Rule>> listeners = new ArrayList<>();
    private GroupRow root;

    /**
     * @param catalog  the fields a condition may use (usually {@code FieldCatalogProvider.current()})
     * @param segments the segments a membership condition can pick
     */
    public RuleBuilder(FieldCatalog catalog, List<SegmentChoice> segments) {
        context = new BuilderContext(catalog, segments, this, this::fireRuleChange, this::renumber);
        validator = new RuleValidator(catalog);
        getContent().addClassName("rule-builder");
        setRule(null);
    }

    /** Shows a rule; null shows an empty ALL group. Does not notify the change listeners. */
    public void setRule(Rule rule) {
        getContent().removeAll();
        root = RuleRow.root(context, rule == null ? null : rule.root());
        root.applyReadOnly(context.readOnly());
        getContent().add(root);
        renumber();
    }

    /**
     * The rule as currently edited, incomplete or not: missing choices are nulls and empty values, which
     * {@link #validate()} reports. The root is always a group (a rule that was a single condition comes back inside
     * an ALL group) and double negations cancel out.
     */
    public Rule getRule() {
        return Rule.of(root.toNode());
    }

    /** Called with the new rule after every change the user makes (not after {@link #setRule}). */
    public Registration addRuleChangeListener(Consumer<Rule> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Read-only: every field shows its value but cannot be changed, and the add and remove buttons are hidden. */
    public void setReadOnly(boolean readOnly) {
        context.setReadOnly(readOnly);
        root.applyReadOnly(readOnly);
    }

    public boolean isReadOnly() {
        return context.readOnly();
    }

    /**
     * Checks the rule with {@link RuleValidator}, shows each problem on the control it is about (or on its group),
     * in the user's language, and returns the problems; an empty list means the rule can be saved. A row's marks
     * disappear when the user edits it.
     */
    public List<RuleProblem> validate() {
        root.clearMarksDeep();
        Map<String, RuleRow> rows = new HashMap<>();
        root.collect(rows);
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleProblem problem : validator.validate(getRule())) {
            problems.add(countMissing(problem, rows) ? new RuleProblem(problem.path(), COUNT_MISSING,
                    List.of(problem.path())) : problem);
        }
        for (RuleProblem problem : problems) {
            RuleRow row = rows.getOrDefault(problem.path(), root);
            row.mark(problem, problem.format((key, params) -> getTranslation(key, params)));
        }
        return problems;
    }

    /** An emptied count reads as -1; "cannot be negative" would puzzle whoever just cleared the field. */
    private static boolean countMissing(RuleProblem problem, Map<String, RuleRow> rows) {
        return "rules.problem.countNegative".equals(problem.messageKey())
                && rows.get(problem.path()) instanceof ConditionRow row
                && row.editor() instanceof BehaviourEditor behaviour && behaviour.countMissing();
    }

    private void renumber() {
        root.renumber("", 1);
    }

    private void fireRuleChange() {
        Rule rule = getRule();
        for (Consumer<Rule> listener : List.copyOf(listeners)) {
            listener.accept(rule);
        }
    }
}
