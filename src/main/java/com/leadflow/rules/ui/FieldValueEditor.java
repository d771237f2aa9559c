package com.leadflow.rules.ui;

import com.leadflow.rules.FieldDefinition;
import com.leadflow.rules.FieldType;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Operator.Arity;
import com.leadflow.rules.TimeUnit;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The values of a field condition, with controls that fit the field's type and the operator: a combo of the enum's
 * values, a text field, a whole-number field, a date picker; two of them for "between"; a list for "is one of"; an
 * amount and a unit for "more / less than … ago"; nothing for "is empty" or "is yes". Values are written as the
 * rule stores them: digits, {@code yyyy-MM-dd}, enum codes, {@code ["3", "MONTHS"]}.
 */
final class FieldValueEditor extends Div {

    private final BuilderContext context;
    private final Runnable onEdit;
    private final FieldDefinition field;
    private final Arity arity;
    private final List<Slot<?>> slots = new ArrayList<>();
    private MultiSelectComboBox<String> list;
    private IntegerField amount;
    private Select<TimeUnit> unit;

    FieldValueEditor(BuilderContext context, FieldDefinition field, Operator operator, List<String> values,
                     Runnable onEdit) {
        this.context = context;
        this.onEdit = onEdit;
        this.field = field;
        this.arity = field == null || operator == null ? Arity.NONE : operator.arity();
        addClassName("rule-values");
        switch (arity) {
            case NONE -> {
            }
            case ONE -> add(slot("rule-value", context.translate("ruleBuilder.value"), at(values, 0)));
            case TWO -> {
                add(slot("rule-value-from", context.translate("ruleBuilder.from"), at(values, 0)));
                add(EditorFields.words(context.translate("ruleBuilder.and")));
                add(slot("rule-value-to", context.translate("ruleBuilder.to"), at(values, 1)));
            }
            case LIST -> add(list(values));
            case RELATIVE_TIME -> relativeTime(values);
        }
        setVisible(arity != Arity.NONE);
    }

    /** What the values of one operator become under another, so that switching "is" to "is one of" keeps them. */
    static List<String> carry(List<String> values, Arity from, Arity to) {
        if (from == to) {
            return values;
        }
        if (from == Arity.RELATIVE_TIME || from == Arity.NONE) {
            return List.of();
        }
        List<String> present = values.stream().filter(Objects::nonNull).toList();
        return switch (to) {
            case NONE, RELATIVE_TIME -> List.of();
            case ONE -> present.isEmpty() ? List.of() : List.of(present.getFirst());
            case LIST -> present;
            case TWO -> present.isEmpty() ? List.of()
                    : Arrays.asList(present.get(0), present.size() > 1 ? present.get(1) : null);
        };
    }

    /** The values as the condition holds them; an untouched editor gives none, a half-filled one nulls. */
    List<String> values() {
        return switch (arity) {
            case NONE -> List.of();
            case ONE -> {
                String value = slots.getFirst().text();
                yield value == null ? List.of() : List.of(value);
            }
            case TWO -> {
                String from = slots.get(0).text();
                String to = slots.get(1).text();
                yield from == null && to == null ? List.of() : Arrays.asList(from, to);
            }
            case LIST -> new ArrayList<>(list.getValue());
            case RELATIVE_TIME -> amount.getValue() == null && unit.getValue() == null ? List.of()
                    : Arrays.asList(amount.getValue() == null ? null : String.valueOf(amount.getValue()),
                    unit.getValue() == null ? null : unit.getValue().name());
        };
    }

    void setReadOnly(boolean readOnly) {
        slots.forEach(slot -> slot.field().setReadOnly(readOnly));
        if (list != null) {
            list.setReadOnly(readOnly);
        }
        if (amount != null) {
            amount.setReadOnly(readOnly);
            unit.setReadOnly(readOnly);
        }
    }

    void clearMarks() {
        slots.forEach(slot -> EditorFields.clear(slot.validation()));
        if (list != null) {
            EditorFields.clear(list);
        }
        if (amount != null) {
            EditorFields.clear(amount);
            EditorFields.clear(unit);
        }
    }

    /** Marks the control a value problem is about; false if there is none (no values). */
    boolean mark(String messageKey, String message) {
        switch (arity) {
            case NONE -> {
                return false;
            }
            case LIST -> EditorFields.mark(list, message);
            case RELATIVE_TIME -> EditorFields.mark(
                    "rules.problem.needsRelativeTime".equals(messageKey) && unit.getValue() == null ? unit : amount,
                    message);
            default -> {
                // the first slot without a usable value, or the "from" slot (a reversed range)
                Slot<?> target = slots.stream().filter(slot -> slot.text() == null).findFirst()
                        .orElse(slots.getFirst());
                EditorFields.mark(target.validation(), message);
            }
        }
        return true;
    }

    private AbstractField<?, ?> slot(String className, String ariaLabel, String initial) {
        FieldType type = field.type();
        Map<String, String> names = context.catalog().idLabels(field.name());
        if (!names.isEmpty()) {
            // owner, team: picked by name, stored by id
            ComboBox<String> combo = EditorFields.comboBox(className, ariaLabel);
            combo.setItems(withUnknown(List.copyOf(names.keySet()), initial == null ? List.of() : List.of(initial)));
            combo.setItemLabelGenerator(id -> names.getOrDefault(id, "#" + id));
            combo.setPlaceholder(context.translate("ruleBuilder.value.placeholder"));
            combo.setValue(initial);
            return register(new Slot<>(combo, combo, Function.identity()));
        }
        return switch (type) {
            case ENUM -> {
                ComboBox<String> combo = EditorFields.comboBox(className, ariaLabel);
                combo.setItems(withUnknown(field.enumValues(), initial == null ? List.of() : List.of(initial)));
                combo.setItemLabelGenerator(this::enumLabel);
                combo.setPlaceholder(context.translate("ruleBuilder.value.placeholder"));
                combo.setValue(initial);
                yield register(new Slot<>(combo, combo, Function.identity()));
            }
            case NUMBER -> {
                IntegerField number = EditorFields.integerField(className, ariaLabel);
                number.setValue(integer(initial));
                yield register(new Slot<>(number, number, String::valueOf));
            }
            case DATE -> {
                DatePicker date = EditorFields.datePicker(className, ariaLabel);
                date.setValue(date(initial));
                yield register(new Slot<>(date, date, LocalDate::toString));
            }
            case TEXT, BOOLEAN -> {
                TextField text = EditorFields.textField(className, ariaLabel);
                text.setValue(initial == null ? "" : initial);
                yield register(new Slot<>(text, text, Function.identity()));
            }
        };
    }

    private <T> AbstractField<?, T> register(Slot<T> slot) {
        slots.add(slot);
        EditorFields.onUserChange(slot.field(), onEdit);
        return slot.field();
    }

    private MultiSelectComboBox<String> list(List<String> values) {
        list = EditorFields.multiSelect("rule-value", context.translate("ruleBuilder.values"));
        List<String> chosen = values.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, String> names = context.catalog().idLabels(field.name());
        if (!names.isEmpty()) {
            list.setItems(withUnknown(List.copyOf(names.keySet()), chosen));
            list.setItemLabelGenerator(id -> names.getOrDefault(id, "#" + id));
            list.setPlaceholder(context.translate("ruleBuilder.values.placeholder"));
        } else if (field.type() == FieldType.ENUM) {
            list.setItems(withUnknown(field.enumValues(), chosen));
            list.setItemLabelGenerator(this::enumLabel);
            list.setPlaceholder(context.translate("ruleBuilder.values.placeholder"));
        } else {
            // free values: typed one by one, each a chip
            list.setItems(new ArrayList<>(chosen));
            list.setAllowCustomValue(true);
            list.setPlaceholder(context.translate("ruleBuilder.values.typePlaceholder"));
            if (field.type() == FieldType.NUMBER) {
                list.setAllowedCharPattern("[-0-9]");
            }
            list.addCustomValueSetListener(e -> {
                String value = e.getDetail() == null ? "" : e.getDetail().strip();
                if (value.isEmpty()) {
                    return;
                }
                if (!list.getListDataView().contains(value)) {
                    list.getListDataView().addItem(value);
                }
                LinkedHashSet<String> selected = new LinkedHashSet<>(list.getValue());
                selected.add(value);
                list.setValue(selected);
                onEdit.run();
            });
        }
        list.setValue(new LinkedHashSet<>(chosen));
        EditorFields.onUserChange(list, onEdit);
        return list;
    }

    private void relativeTime(List<String> values) {
        amount = EditorFields.integerField("rule-amount", context.translate("ruleBuilder.amount"));
        unit = EditorFields.select("rule-unit", context.translate("ruleBuilder.unit"));
        unit.setItems(TimeUnit.values());
        unit.setItemLabelGenerator(u -> context.translate("rules.unit." + u.name()));
        amount.setValue(integer(at(values, 0)));
        unit.setValue(values.isEmpty() ? TimeUnit.DAYS : timeUnit(at(values, 1)));
        EditorFields.onUserChange(amount, onEdit);
        EditorFields.onUserChange(unit, onEdit);
        add(amount, unit, EditorFields.words(context.translate("ruleBuilder.ago")));
    }

    private String enumLabel(String code) {
        return context.translateOr(field.valueLabelKey(code), code);
    }

    /** The catalog's values and, after them, stored ones it no longer has, so that a stored rule is shown as is. */
    private static List<String> withUnknown(List<String> known, List<String> stored) {
        List<String> items = new ArrayList<>(known);
        stored.stream().filter(value -> value != null && !items.contains(value)).forEach(items::add);
        return items;
    }

    private static String at(List<String> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static TimeUnit timeUnit(String value) {
        for (TimeUnit candidate : TimeUnit.values()) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        return null;
    }

    /** One value control and how its value is written as text (null when empty). */
    private record Slot<T>(AbstractField<?, T> field, HasValidationProperties validation, Function<T, String> format) {
        String text() {
            T value = field.getValue();
            String text = value == null ? null : format.apply(value);
            return text == null || text.isEmpty() ? null : text;
        }
    }
}
