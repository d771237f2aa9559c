package com.leadflow.rules.ui;

import com.leadflow.rules.FieldCatalog;
import com.vaadin.flow.component.Component;

import java.util.List;

/**
 * What every row of one {@link RuleBuilder} shares: the field catalog, the segments to pick from, whether the rule
 * is read-only, and the builder to tell when the user has changed something.
 */
final class BuilderContext {

    private final FieldCatalog catalog;
    private final List<SegmentChoice> segments;
    private final Component translator;
    private final Runnable edited;
    private final Runnable structureChanged;
    private boolean readOnly;

    BuilderContext(FieldCatalog catalog, List<SegmentChoice> segments, Component translator, Runnable edited,
                   Runnable structureChanged) {
        this.catalog = catalog;
        this.segments = segments == null ? List.of() : List.copyOf(segments);
        this.translator = translator;
        this.edited = edited;
        this.structureChanged = structureChanged;
    }

    FieldCatalog catalog() {
        return catalog;
    }

    List<SegmentChoice> segments() {
        return segments;
    }

    boolean readOnly() {
        return readOnly;
    }

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** The user changed the rule: tell the builder's listeners. */
    void edited() {
        edited.run();
    }

    /** Rows were added, removed or negated: positions and nesting limits must be recomputed. */
    void structureChanged() {
        structureChanged.run();
    }

    String translate(String key, Object... params) {
        return translator.getTranslation(key, params);
    }

    /**
     * The translation of a key that may have none (a funnel stage added later, a value a newer version wrote):
     * then the fallback, usually the code itself, rather than the provider's "!en: key" marker.
     */
    String translateOr(String key, String fallback) {
        if (key == null) {
            return fallback;
        }
        String text = translator.getTranslation(key);
        return text == null || text.isEmpty() || (text.startsWith("!") && text.endsWith(key)) ? fallback : text;
    }
}
