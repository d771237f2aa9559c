package com.leadflow.timeline.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.AuthorKind;
import com.leadflow.timeline.TimelineItem;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One timeline entry drawn for reading: what, who, when (relative; absolute on hover) and its details. All text goes
 * through {@code setText}, so HTML or script in a note is shown as typed and never runs.
 */
final class EntryView {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Event attributes worth showing, in this order. */
    private static final List<String> EVENT_ATTRIBUTES = List.of("url", "asset", "form", "campaign", "subject",
            "utmSource", "utmMedium", "utmCampaign", "question", "answer", "callChannel", "callLocation", "callPage");

    /** A component's {@code getTranslation}. */
    interface Tr {
        String get(String key, Object... params);
    }

    /** Names for the ids a field change stores (owner, team). */
    record Names(java.util.Map<Long, String> people, java.util.Map<Long, String> teams) {
    }

    /** Field changes store codes; these fields read better translated (the profile's own labels). */
    private static final java.util.Map<String, String> CODE_LABELS = java.util.Map.of("lifecycleStage", "lifecycle.",
            "funnelStage", "funnel.", "status", "status.", "preferredChannel", "channel.",
            "firstTouchSource", "source.", "lostReason", "lostReason.");

    private EntryView() {
    }

    /** The entry's header and body; {@code showContact} adds the contact's name (in the feed). */
    static Div render(TimelineItem item, Tr t, Component contactLink, Names names) {
        Div entry = new Div();
        entry.addClassName("timeline-entry");
        entry.addClassName("timeline-kind-" + item.kind().name().toLowerCase());
        entry.getElement().setAttribute("data-activity-id", String.valueOf(item.id()));
        if (item.pinned()) {
            entry.addClassName("timeline-pinned");
        }
        if (item.deleted()) {
            entry.addClassName("timeline-deleted");
        }

        Div head = new Div();
        head.addClassName("timeline-head");
        Span what = new Span(t.get("activity." + item.type().name()));
        what.addClassName("timeline-type");
        head.add(what);
        if (contactLink != null) {
            head.add(contactLink);
        }
        Span who = new Span(author(item, t));
        who.addClassName("timeline-who");
        Span when = new Span(Formats.relative(item.occurredAt()));
        when.setTitle(Formats.dateTime(item.occurredAt()));
        when.addClassName("timeline-when");
        head.add(who, when);
        if (item.editedAt() != null) {
            Span edited = new Span(t.get("timeline.edited"));
            edited.setTitle(Formats.dateTime(item.editedAt()));
            edited.addClassName("timeline-edited");
            head.add(edited);
        }
        if (item.pinned()) {
            Span pin = new Span(t.get("timeline.pinned"));
            pin.addClassName("timeline-pin-mark");
            head.add(pin);
        }
        entry.add(head);
        if (item.deleted()) {
            Span trace = new Span(t.get("timeline.deletedBy", Objects.requireNonNullElse(item.deletedByName(), "?"),
                    Formats.dateTime(item.deletedAt())));
            trace.addClassName("timeline-deleted-trace");
            entry.add(trace);
        }
        Component details = details(item, t, names);
        if (details != null) {
            entry.add(details);
        }
        return entry;
    }

    static String author(TimelineItem item, Tr t) {
        if (item.authorKind() == AuthorKind.API) {
            return t.get("timeline.author.api") + " " + Objects.requireNonNullElse(item.authorName(), "");
        }
        if (item.authorKind() == AuthorKind.SYSTEM || item.authorName() == null) {
            return t.get("author.system");
        }
        return item.authorName();
    }

    private static Component details(TimelineItem item, Tr t, Names names) {
        JsonNode payload = parse(item.payload());
        Div body = new Div();
        body.addClassName("timeline-body");
        switch (item.type()) {
            case NOTE -> text(body, payload, item.summary());
            case CALL -> {
                String outcome = payload.path("outcome").asString("");
                String line = (outcome.isEmpty() ? "" : t.get("timeline.outcome." + outcome))
                        + " · " + t.get("timeline.minutes", payload.path("durationSeconds").asInt(0) / 60)
                        + " · " + t.get("timeline.direction." + payload.path("direction").asString("OUTBOUND"));
                line(body, line, "timeline-facts");
                text(body, payload, null);
            }
            case MEETING -> {
                String title = payload.path("title").asString(Objects.requireNonNullElse(item.summary(), ""));
                String facts = title + " · " + t.get("timeline.minutes", payload.path("durationMinutes").asInt(0));
                if (payload.hasNonNull("location")) {
                    facts += " · " + payload.path("location").asString();
                }
                line(body, facts, "timeline-facts");
                text(body, payload, null);
            }
            case CONTACT_CREATED, SEGMENT_ENTERED, SEGMENT_EXITED, SCORE_CHANGE -> line(body, item.summary(), "timeline-text");
            case LEAD_ROUTED -> line(body, routed(payload, t, item.summary()), "timeline-text");
            case LIFECYCLE_CHANGE -> {
                // the stages by the names marketing gave them, not by code; a person's move back says why
                String to = payload.isArray() ? "" : payload.path("to").asString("");
                if (payload.isArray()) {
                    fieldChanges(body, payload, t, names); // a person edited the stage on the profile
                } else if (to.isEmpty()) {
                    line(body, item.summary(), "timeline-text");
                } else {
                    String from = payload.path("from").asString("");
                    line(body, (from.isEmpty() ? "" : t.get("lifecycle." + from) + " → ") + t.get("lifecycle." + to),
                            "timeline-text");
                    if (!payload.path("reason").asString("").isEmpty()) {
                        line(body, payload.path("reason").asString(), "timeline-text");
                    }
                }
            }
            default -> {
                if (payload.isArray()) {
                    fieldChanges(body, payload, t, names);
                } else if (item.kind() == com.leadflow.timeline.ActivityKind.EVENTS) {
                    line(body, item.summary(), "timeline-text");
                    for (String attribute : EVENT_ATTRIBUTES) {
                        if (payload.hasNonNull(attribute) && !payload.path(attribute).asString("").isEmpty()) {
                            line(body, t.get("timeline.attribute." + attribute) + ": "
                                    + payload.path(attribute).asString(), "timeline-attribute");
                        }
                    }
                } else {
                    line(body, item.summary(), "timeline-text");
                }
            }
        }
        return body.getChildren().findAny().isPresent() ? body : null;
    }

    /**
     * A routing decision in the reader's language: the payload keeps its explanation as translation keys and
     * parameters (a parameter written "{routing.…}" is a key too); the stored summary is the English fallback.
     */
    private static String routed(JsonNode payload, Tr t, String fallback) {
        JsonNode lines = payload.path("explanation");
        if (!lines.isArray() || lines.isEmpty()) {
            return fallback;
        }
        List<String> sentences = new ArrayList<>();
        for (JsonNode line : lines) {
            List<Object> params = new ArrayList<>();
            for (JsonNode param : line.path("params")) {
                String value = param.asString("");
                params.add(value.startsWith("{routing.") && value.endsWith("}")
                        ? t.get(value.substring(1, value.length() - 1)) : value);
            }
            sentences.add(t.get(line.path("key").asString(""), params.toArray()));
        }
        return String.join("; ", sentences);
    }

    /** Field changes: the same shape ContactService records. */
    private static void fieldChanges(Div body, JsonNode payload, Tr t, Names names) {
        for (JsonNode change : payload) {
            String field = change.path("field").asString("");
            line(body, t.get("contact." + field) + ": " + readable(field, change.path("oldValue"), t, names)
                    + " → " + readable(field, change.path("newValue"), t, names), "timeline-change");
        }
    }

    private static void text(Div body, JsonNode payload, String fallback) {
        String text = payload.hasNonNull("text") ? payload.path("text").asString() : fallback;
        if (text != null && !text.isBlank()) {
            Div p = new Div();
            p.setText(text); // text, not HTML
            p.addClassName("timeline-text");
            body.add(p);
        }
    }

    private static void line(Div body, String text, String className) {
        if (text != null && !text.isBlank()) {
            Div d = new Div();
            d.setText(text);
            d.addClassName(className);
            body.add(d);
        }
    }

    /** A stored value as people read it: names for owner and team, translated codes, "—" for nothing. */
    static String readable(String field, JsonNode node, Tr t, Names names) {
        if (node == null || node.isNull() || node.isMissingNode() || node.asString("").isBlank()) {
            return "—";
        }
        String value = node.asString();
        try {
            if (field.equals("ownerId") && names != null) {
                return names.people().getOrDefault(Long.parseLong(value), value);
            }
            if (field.equals("teamId") && names != null) {
                return names.teams().getOrDefault(Long.parseLong(value), value);
            }
        } catch (NumberFormatException e) {
            return value;
        }
        String prefix = CODE_LABELS.get(field);
        if (prefix != null) {
            String label = t.get(prefix + value);
            return label.startsWith("!") ? value : label; // an unknown code shows as stored
        }
        return value;
    }

    private static JsonNode parse(String payload) {
        if (payload == null || payload.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(payload);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    static boolean isPersonEntry(ActivityType type) {
        return type == ActivityType.NOTE || type == ActivityType.CALL || type == ActivityType.MEETING;
    }
}
