package com.leadflow.rules.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasAriaLabel;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * Creates the builder's input fields alike: compact, named for screen readers (they have no visible label, the row
 * reads as a sentence), validated only by {@link RuleBuilder#validate()} and reacting to the user's edits only.
 */
final class EditorFields {

    private EditorFields() {
    }

    static TextField textField(String className, String ariaLabel) {
        TextField field = new TextField();
        field.setManualValidation(true);
        field.setValueChangeMode(ValueChangeMode.LAZY); // the live preview follows typing, not only leaving
        return prepare(field, className, ariaLabel);
    }

    static IntegerField integerField(String className, String ariaLabel) {
        IntegerField field = new IntegerField();
        field.setManualValidation(true);
        field.setValueChangeMode(ValueChangeMode.LAZY);
        return prepare(field, className, ariaLabel);
    }

    static DatePicker datePicker(String className, String ariaLabel) {
        DatePicker field = new DatePicker();
        field.setManualValidation(true);
        return prepare(field, className, ariaLabel);
    }

    static <T> Select<T> select(String className, String ariaLabel) {
        Select<T> field = new Select<>();
        field.setManualValidation(true);
        return prepare(field, className, ariaLabel);
    }

    static <T> ComboBox<T> comboBox(String className, String ariaLabel) {
        ComboBox<T> field = new ComboBox<>();
        field.setManualValidation(true);
        return prepare(field, className, ariaLabel);
    }

    static <T> MultiSelectComboBox<T> multiSelect(String className, String ariaLabel) {
        MultiSelectComboBox<T> field = new MultiSelectComboBox<>();
        field.setManualValidation(true);
        // chips, not a bare "2": the field grows to show what is chosen (bounded in rule-builder.css)
        field.setAutoExpand(MultiSelectComboBox.AutoExpandMode.BOTH);
        field.setSelectedItemsOnTop(true);
        return prepare(field, className, ariaLabel);
    }

    /** Connecting words between the controls ("times in the last", "ago"): the row reads as a sentence. */
    static Span words(String text) {
        Span span = new Span(text);
        span.addClassName("rule-words");
        return span;
    }

    /** Runs the action when the user changes the value, not when the builder sets it. */
    static <V> void onUserChange(HasValue<?, V> field, Runnable action) {
        field.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                action.run();
            }
        });
    }

    /** Shows a problem on a field; a second problem on the same field is added to the first. */
    static void mark(HasValidationProperties field, String message) {
        String shown = field.isInvalid() && field.getErrorMessage() != null && !field.getErrorMessage().isEmpty()
                ? field.getErrorMessage() + " " + message : message;
        field.setErrorMessage(shown);
        field.setInvalid(true);
    }

    static void clear(HasValidationProperties field) {
        field.setInvalid(false);
        field.setErrorMessage(null);
    }

    private static <F extends Component & HasAriaLabel> F prepare(F field, String className, String ariaLabel) {
        field.getElement().getClassList().add(className);
        field.getElement().getThemeList().add("small");
        field.setAriaLabel(ariaLabel);
        return field;
    }
}
