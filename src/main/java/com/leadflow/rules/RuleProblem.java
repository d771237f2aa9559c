package com.leadflow.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One thing wrong with a rule, for the marketer who wrote it: where (the position in the tree, "2.1" is the first
 * entry of the second group; empty for the rule as a whole), a translation key and its parameters. Parameters that
 * are {@link Label}s are translated too (a field's or operator's name).
 */
public record RuleProblem(String path, String messageKey, List<Object> params) implements Serializable {

    public RuleProblem {
        params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
    }

    /** A parameter that is itself a translation key. */
    public record Label(String key) implements Serializable {
    }

    /** The message in the translator's language, e.g. {@code problem.format(component::getTranslation)}. */
    public String format(BiFunction<String, Object[], String> translate) {
        Object[] args = params.stream()
                .map(p -> p instanceof Label label ? translate.apply(label.key(), new Object[0]) : p)
                .toArray();
        return translate.apply(messageKey, args);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "" : path + ": ") + messageKey + params;
    }
}
