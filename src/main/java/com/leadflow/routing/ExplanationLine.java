package com.leadflow.routing;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One sentence of why a lead went where it went: a translation key and its parameters, stored as such so every
 * reader sees it in their own language.
 */
public record ExplanationLine(String key, List<String> params) implements Serializable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<ExplanationLine>> LINES = new TypeReference<>() {
    };

    public ExplanationLine {
        params = params == null ? List.of() : List.copyOf(params);
    }

    public static ExplanationLine of(String key, Object... params) {
        return new ExplanationLine(key, java.util.Arrays.stream(params).map(p -> Objects.toString(p, "")).toList());
    }

    /** The sentence in the translator's language; a parameter written "{routing.…}" is a key and translated too. */
    public String format(BiFunction<String, Object[], String> translate) {
        Object[] args = params.stream()
                .map(p -> p.startsWith("{routing.") && p.endsWith("}")
                        ? translate.apply(p.substring(1, p.length() - 1), new Object[0]) : p)
                .toArray();
        return translate.apply(key, args);
    }

    public static String toJson(List<ExplanationLine> lines) {
        return JSON.writeValueAsString(lines);
    }

    public static List<ExplanationLine> fromJson(String json) {
        return json == null ? List.of() : JSON.readValue(json, LINES);
    }

    /** All lines as one text, e.g. for the timeline summary. */
    public static String text(List<ExplanationLine> lines, BiFunction<String, Object[], String> translate) {
        return String.join("; ", lines.stream().map(line -> line.format(translate)).toList());
    }
}
