package com.leadflow.rules.ui;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.leadflow.AbstractViewTest;
import com.leadflow.rules.Combinator;
import com.leadflow.rules.Comparison;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.FieldType;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.SegmentCondition;
import com.leadflow.rules.RuleProblem;
import com.leadflow.rules.RuleValidator;
import com.leadflow.rules.TimeUnit;
import com.leadflow.timeline.ActivityType;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.ComboBoxBase;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.leadflow.timeline.ActivityType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RuleBuilderTest extends AbstractViewTest {

    /** Every kind of condition and value editor, negations at two levels, a segment that no longer exists. */
    private static final Rule COMPLEX = Rule.of(RuleNode.not(RuleNode.any(
            RuleNode.all(
                    new FieldCondition("lifecycleStage", Operator.IN, "MQL", "SQL"),
                    new FieldCondition("createdAt", Operator.BETWEEN, "2024-01-01", "2024-12-31"),
                    new FieldCondition("lastActivityAt", Operator.MORE_THAN_AGO, "3", "MONTHS"),
                    RuleNode.not(new FieldCondition("jobTitle", Operator.CONTAINS, "intern")),
                    new FieldCondition("doNotContact", Operator.IS_FALSE),
                    new FieldCondition("country", Operator.IN, "DE", "FR"),
                    new FieldCondition("score", Operator.BETWEEN, "10", "50"),
                    new FieldCondition("firstTouchAt", Operator.IS_EMPTY)),
            new BehaviourCondition(SURVEY_ANSWER, 90, "question", "Budget approved?", Comparison.EXACTLY, 2, "Yes"),
            new BehaviourCondition(PAGE_VIEW, 7, "url", "/pricing", Comparison.AT_LEAST, 3),
            new InactivityCondition(new LinkedHashSet<>(List.of(EMAIL_OPEN, EMAIL_CLICK)), 60, TimeUnit.DAYS),
            new SegmentCondition(9, false),
            new SegmentCondition(12345, true))));

    @Autowired
    FieldCatalogProvider catalogs;

    private FieldCatalog catalog;
    private RuleBuilder builder;

    @BeforeEach
    void showBuilder() {
        catalog = catalogs.current();
        builder = newBuilder();
    }

    private RuleBuilder newBuilder() {
        RuleBuilder created = new RuleBuilder(catalog,
                List.of(new SegmentChoice(7, "Newsletter readers"), new SegmentChoice(9, "Webinar guests")));
        UI.getCurrent().add(created);
        return created;
    }

    @Test
    void buildsAnExampleRuleThroughTheControls() {
        _click(button("Add condition to the rule"));
        Div lifecycle = condition(0);
        assertThat(this.<ConditionKind>select(lifecycle, "rule-kind").getValue()).isEqualTo(ConditionKind.FIELD);
        _setValue(combo(lifecycle, "rule-field"), "lifecycleStage");
        assertThat(this.<Operator>select(lifecycle, "rule-operator").getValue()).isEqualTo(Operator.EQUALS);
        ComboBox<String> stage = combo(lifecycle, "rule-value");
        assertThat(ComboBoxKt.getSuggestions(stage)).contains("Marketing-qualified lead", "Customer");
        _setValue(stage, "MQL");

        _click(button("Add group to the rule"));
        _setValue(select(groupHeader(1), "rule-combinator"), Combinator.ANY);
        Div score = condition(1);
        _setValue(combo(score, "rule-field"), "score");
        Select<Operator> scoreOperator = select(score, "rule-operator");
        assertThat(ComboBoxKt.getSuggestionItems(scoreOperator)).isEqualTo(catalog.field("score").operators());
        _setValue(scoreOperator, Operator.GREATER_THAN);
        _setValue(_get(score, IntegerField.class, spec -> spec.withClasses("rule-value")), 40);

        _click(button("Add condition to group 2"));
        Div download = condition(2);
        _setValue(select(download, "rule-kind"), ConditionKind.BEHAVIOUR);
        _setValue(select(download, "rule-activity-type"), CONTENT_DOWNLOAD);
        _setValue(select(download, "rule-comparison"), Comparison.AT_LEAST);
        _setValue(integer(download, "rule-count"), 1);
        _setValue(integer(download, "rule-within-days"), 30);

        assertThat(builder.getRule()).isEqualTo(Rule.of(RuleNode.all(
                new FieldCondition("lifecycleStage", Operator.EQUALS, "MQL"),
                RuleNode.any(
                        new FieldCondition("score", Operator.GREATER_THAN, "40"),
                        new BehaviourCondition(CONTENT_DOWNLOAD, 30, null, null, Comparison.AT_LEAST, 1)))));
        assertThat(builder.validate()).isEmpty();
    }

    @Test
    void showsAStoredRuleAndGivesItBackUnchanged() {
        assertThat(new RuleValidator(catalog).validate(COMPLEX)).isEmpty();

        builder.setRule(COMPLEX);

        assertThat(builder.getRule()).isEqualTo(COMPLEX);
        assertThat(builder.validate()).isEmpty();
        // what the user sees
        assertThat(_find(builder, Div.class, spec -> spec.withClasses("rule-condition"))).hasSize(13);
        assertThat(checkbox(groupHeader(0), "rule-not").getValue()).isTrue();
        assertThat(_find(builder, DatePicker.class).stream().map(DatePicker::getValue))
                .containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
        assertThat(_find(builder, ComboBox.class, spec -> spec.withClasses("rule-segment")).stream()
                .map(c -> c.getItemLabelGenerator().apply(c.getValue())))
                .containsExactly("Webinar guests", "Segment #12345 (no longer exists)");
        assertThat(_get(condition(8), TextField.class, spec -> spec.withClasses("rule-answer")).getValue())
                .isEqualTo("Yes");

        // a rule that is a single condition comes back inside an ALL group
        FieldCondition single = new FieldCondition("status", Operator.EQUALS, "LOST");
        builder.setRule(Rule.of(single));
        assertThat(builder.getRule()).isEqualTo(Rule.of(RuleNode.all(single)));
        builder.setRule(null);
        assertThat(builder.getRule()).isEqualTo(Rule.of(RuleNode.all()));
    }

    @Test
    void marksAnIncompleteConditionUntilItIsFixed() {
        assertThat(builder.validate()).extracting(RuleProblem::messageKey)
                .containsExactly("rules.problem.ruleEmpty");
        assertThat(_get(builder, Span.class, spec -> spec.withClasses("rule-message")).getText())
                .isEqualTo("Add at least one condition.");

        _click(button("Add condition to the rule"));
        assertThat(_find(builder, Span.class, spec -> spec.withClasses("rule-message"))).isEmpty();
        Div row = condition(0);
        _setValue(combo(row, "rule-field"), "lifecycleStage");

        List<RuleProblem> problems = builder.validate();

        assertThat(problems).extracting(RuleProblem::path, RuleProblem::messageKey)
                .containsExactly(tuple("1", "rules.problem.needsValue"));
        ComboBox<String> value = combo(row, "rule-value");
        assertThat(value.isInvalid()).isTrue();
        assertThat(value.getErrorMessage()).isEqualTo("Condition 1: “Lifecycle stage” needs a value.");
        assertThat(row.getClassNames()).contains("rule-invalid");
        assertThat(combo(row, "rule-field").isInvalid()).isFalse();

        _setValue(value, "SQL");
        assertThat(value.isInvalid()).isFalse();
        assertThat(row.getClassNames()).doesNotContain("rule-invalid");
        assertThat(builder.validate()).isEmpty();
    }

    @Test
    void marksProblemsInTheUsersLanguageOnTheRightRow() {
        UI.getCurrent().setLocale(Locale.of("ru"));
        UI.getCurrent().removeAll();
        builder = newBuilder();
        _click(button("Добавить условие в правило"));
        _click(button("Добавить условие в правило"));
        _setValue(combo(condition(0), "rule-field"), "status");
        _setValue(combo(condition(0), "rule-value"), "OPEN");
        Div behaviour = condition(1);
        _setValue(select(behaviour, "rule-kind"), ConditionKind.BEHAVIOUR);
        _setValue(integer(behaviour, "rule-count"), null);

        List<RuleProblem> problems = builder.validate();

        assertThat(problems).extracting(RuleProblem::path, RuleProblem::messageKey).containsExactlyInAnyOrder(
                tuple("2", "rules.problem.chooseActivityType"), tuple("2", RuleBuilder.COUNT_MISSING));
        assertThat(select(behaviour, "rule-activity-type").getErrorMessage())
                .isEqualTo("Условие 2: выберите вид активности.");
        assertThat(integer(behaviour, "rule-count").getErrorMessage()).isEqualTo("Условие 2: укажите число раз.");
        assertThat(condition(0).getClassNames()).doesNotContain("rule-invalid");

        // after removing the first row, the behaviour is condition 1 and is still the one marked
        _click(button("Удалить условие 1"));
        assertThat(builder.validate()).extracting(RuleProblem::path).containsOnly("1");
        assertThat(condition(0).getElement().getAttribute("aria-label")).isEqualTo("Условие 1");
        assertThat(condition(0).getClassNames()).contains("rule-invalid");
    }

    @Test
    void offersOnlyWhatFitsTheFieldAndActivity() {
        _click(button("Add condition to the rule"));
        Div row = condition(0);

        _setValue(combo(row, "rule-field"), "city");
        Select<Operator> operator = select(row, "rule-operator");
        assertThat(ComboBoxKt.getSuggestionItems(operator)).isEqualTo(FieldType.TEXT.operators());
        _setValue(operator, Operator.IN);
        MultiSelectComboBox<String> cities = _get(row, MultiSelectComboBox.class,
                spec -> spec.withClasses("rule-value"));
        ComponentUtil.fireEvent(cities, new ComboBoxBase.CustomValueSetEvent<>(cities, true, " Berlin "));
        ComponentUtil.fireEvent(cities, new ComboBoxBase.CustomValueSetEvent<>(cities, true, "Paris"));
        assertThat(builder.getRule().root()).isEqualTo(RuleNode.all(
                new FieldCondition("city", Operator.IN, "Berlin", "Paris")));
        _setValue(operator, Operator.EQUALS); // keeps the first value
        assertThat(_get(row, TextField.class, spec -> spec.withClasses("rule-value")).getValue())
                .isEqualTo("Berlin");

        _setValue(combo(row, "rule-field"), "lastActivityAt");
        assertThat(ComboBoxKt.getSuggestionItems(operator)).doesNotContain(Operator.CONTAINS, Operator.GREATER_THAN);
        _setValue(operator, Operator.BETWEEN);
        assertThat(_find(row, DatePicker.class)).hasSize(2);
        _setValue(operator, Operator.LESS_THAN_AGO);
        _setValue(integer(row, "rule-amount"), 14);
        assertThat(builder.getRule().root()).isEqualTo(RuleNode.all(
                new FieldCondition("lastActivityAt", Operator.LESS_THAN_AGO, "14", "DAYS")));

        _setValue(combo(row, "rule-field"), "doNotContact");
        assertThat(operator.getValue()).isEqualTo(Operator.IS_TRUE);
        assertThat(_find(row, Div.class, spec -> spec.withClasses("rule-values"))).isEmpty();

        _setValue(select(row, "rule-kind"), ConditionKind.BEHAVIOUR);
        Select<ActivityType> type = select(row, "rule-activity-type");
        assertThat(ComboBoxKt.getSuggestionItems(type)).containsExactly(PAGE_VIEW, CONTENT_DOWNLOAD, EMAIL_OPEN,
                EMAIL_CLICK, FORM_SUBMIT, SURVEY_ANSWER, CALL, MEETING, NOTE);
        _setValue(type, CALL);
        assertThat(_find(row, Select.class, spec -> spec.withClasses("rule-attribute"))).isEmpty();
        _setValue(type, SURVEY_ANSWER);
        _setValue(select(row, "rule-attribute"), "question");
        _setValue(_get(row, TextField.class, spec -> spec.withClasses("rule-attribute-value")), "Budget approved?");
        _setValue(_get(row, TextField.class, spec -> spec.withClasses("rule-answer")), "Yes");
        assertThat(builder.getRule().root()).isEqualTo(RuleNode.all(new BehaviourCondition(SURVEY_ANSWER, 30,
                "question", "Budget approved?", Comparison.AT_LEAST, 1, "Yes")));

        _setValue(select(row, "rule-kind"), ConditionKind.SEGMENT);
        _setValue(select(row, "rule-segment-member"), false);
        _setValue(combo(row, "rule-segment"), new SegmentChoice(7, "Newsletter readers"));
        assertThat(builder.getRule().root()).isEqualTo(RuleNode.all(new SegmentCondition(7, false)));
    }

    @Test
    void readOnlyShowsTheRuleWithoutWaysToChangeIt() {
        builder.setRule(COMPLEX);
        builder.setReadOnly(true);

        assertThat(_find(builder, Button.class)).isEmpty();
        List<Component> fields = _find(builder, Component.class).stream()
                .filter(c -> c instanceof HasValue<?, ?>).toList();
        assertThat(fields).hasSizeGreaterThan(40).allMatch(c -> ((HasValue<?, ?>) c).isReadOnly());

        builder.setRule(Rule.of(RuleNode.all(new FieldCondition("status", Operator.EQUALS, "LOST"))));
        assertThat(_find(builder, Button.class)).isEmpty();
        assertThat(combo(condition(0), "rule-value").isReadOnly()).isTrue();

        builder.setReadOnly(false);
        assertThat(button("Add condition to the rule").isVisible()).isTrue();
        assertThat(button("Remove condition 1").isVisible()).isTrue();
        assertThat(combo(condition(0), "rule-value").isReadOnly()).isFalse();
    }

    @Test
    void tellsListenersAboutEveryUserEdit() {
        List<Rule> seen = new ArrayList<>();
        Registration registration = builder.addRuleChangeListener(seen::add);
        builder.setRule(COMPLEX);
        builder.setRule(null);
        assertThat(seen).isEmpty();

        _click(button("Add condition to the rule"));
        _setValue(combo(condition(0), "rule-field"), "status");
        _setValue(combo(condition(0), "rule-value"), "LOST");
        _setValue(checkbox(condition(0), "rule-not"), true);
        _click(button("Remove condition 1"));

        assertThat(seen).extracting(Rule::root).containsExactly(
                RuleNode.all(new FieldCondition(null, null, List.of())),
                RuleNode.all(new FieldCondition("status", Operator.EQUALS, List.of())),
                RuleNode.all(new FieldCondition("status", Operator.EQUALS, "LOST")),
                RuleNode.all(RuleNode.not(new FieldCondition("status", Operator.EQUALS, "LOST"))),
                RuleNode.all());

        registration.remove();
        _click(button("Add condition to the rule"));
        assertThat(seen).hasSize(5);
    }

    @Test
    void ownersAndTeamsArePickedByNameAndStoredById() {
        catalog = catalogs.forEditing();
        UI.getCurrent().remove(builder);
        builder = newBuilder();
        _click(button("Add condition to the rule"));
        _setValue(combo(condition(0), "rule-field"), "owner");
        ComboBox<String> owner = combo(condition(0), "rule-value");
        assertThat(ComboBoxKt.getSuggestions(owner)).contains("Sam Carter", "Olga Ivanova");
        String samId = owner.getListDataView().getItems()
                .filter(id -> owner.getItemLabelGenerator().apply(id).equals("Sam Carter")).findFirst().orElseThrow();
        _setValue(owner, samId);
        assertThat(builder.getRule().root()).isEqualTo(RuleNode.all(new FieldCondition("owner", Operator.EQUALS, samId)));
    }

    @Test
    void everyBuilderTextIsInEnglishAndRussian() throws IOException {
        Set<String> english = builderKeys("vaadin-i18n/translations.properties");
        Set<String> russian = builderKeys("vaadin-i18n/translations_ru.properties");
        assertThat(english).isNotEmpty().isEqualTo(russian);
    }

    private static Set<String> builderKeys(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RuleBuilderTest.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties.stringPropertyNames().stream().filter(key -> key.startsWith("ruleBuilder."))
                .collect(Collectors.toSet());
    }

    // finders: rows and group headers in reading order, controls by their class within a row

    private Div condition(int index) {
        return _find(builder, Div.class, spec -> spec.withClasses("rule-condition")).get(index);
    }

    private Div groupHeader(int index) {
        return _find(builder, Div.class, spec -> spec.withClasses("rule-group-header")).get(index);
    }

    private Button button(String ariaLabel) {
        return _get(builder, Button.class, spec -> spec.withAttribute("aria-label", ariaLabel));
    }

    @SuppressWarnings("unchecked")
    private <T> ComboBox<T> combo(Component row, String className) {
        return _get(row, ComboBox.class, spec -> spec.withClasses(className));
    }

    @SuppressWarnings("unchecked")
    private <T> Select<T> select(Component row, String className) {
        return _get(row, Select.class, spec -> spec.withClasses(className));
    }

    private IntegerField integer(Component row, String className) {
        return _get(row, IntegerField.class, spec -> spec.withClasses(className));
    }

    private Checkbox checkbox(Component row, String className) {
        return _get(row, Checkbox.class, spec -> spec.withClasses(className));
    }
}
