package com.leadflow.rules;

import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.Not;
import com.leadflow.rules.RuleNode.SegmentCondition;
import com.leadflow.timeline.ActivityType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules as stored JSON: {@code {"schemaVersion": 1, "root": {...}}}, each node with a {@code "type"} of
 * {@code group}, {@code not}, {@code field}, {@code behaviour}, {@code inactivity} or {@code segment}. Written and
 * read by hand, property by property, so that the stored format is explicit and anything unreadable becomes a
 * {@link RuleValidationException} that says where, never a raw parser error. Reading checks the shape only;
 * {@link RuleValidator} checks the meaning.
 */
@Component
public class RuleJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public String write(Rule rule) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("schemaVersion", rule.schemaVersion());
        json.set("root", node(rule.root()));
        return MAPPER.writeValueAsString(json);
    }

    private static JsonNode node(RuleNode node) {
        ObjectNode json = MAPPER.createObjectNode();
        switch (node) {
            case null -> {
                return MAPPER.nullNode();
            }
            case Group group -> {
                json.put("type", "group");
                json.put("combinator", name(group.combinator()));
                ArrayNode children = json.putArray("children");
                group.children().forEach(child -> children.add(node(child)));
            }
            case Not not -> {
                json.put("type", "not");
                json.set("child", node(not.child()));
            }
            case FieldCondition condition -> {
                json.put("type", "field");
                json.put("field", condition.field());
                json.put("operator", name(condition.operator()));
                ArrayNode values = json.putArray("values");
                condition.values().forEach(values::add);
            }
            case BehaviourCondition condition -> {
                json.put("type", "behaviour");
                json.put("activityType", name(condition.type()));
                json.put("withinDays", condition.withinDays());
                json.put("attribute", condition.attribute());
                json.put("attributeValue", condition.attributeValue());
                json.put("answerValue", condition.answerValue());
                json.put("comparison", name(condition.comparison()));
                json.put("count", condition.count());
            }
            case InactivityCondition condition -> {
                json.put("type", "inactivity");
                ArrayNode types = json.putArray("activityTypes");
                condition.types().forEach(type -> types.add(name(type)));
                json.put("amount", condition.amount());
                json.put("unit", name(condition.unit()));
            }
            case SegmentCondition condition -> {
                json.put("type", "segment");
                json.put("segmentId", condition.segmentId());
                json.put("member", condition.member());
            }
        }
        return json;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** Reads a stored rule; throws {@link RuleValidationException} if it is not one. */
    public Rule read(String text) {
        JsonNode json;
        try {
            json = text == null ? null : MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw failure("", "rules.json.invalid");
        }
        if (json == null || !json.isObject()) {
            throw failure("", "rules.json.invalid");
        }
        JsonNode version = json.path("schemaVersion");
        if (!version.isIntegralNumber() || !version.canConvertToInt()) {
            throw failure("", "rules.json.invalid");
        }
        // a newer format is refused as a whole: guessing at it could change what the rule matches
        if (version.intValue() != Rule.CURRENT_SCHEMA_VERSION) {
            throw failure("", "rules.json.unsupportedVersion", version.intValue());
        }
        Reader reader = new Reader();
        reader.onlyProperties(json, "", Set.of("schemaVersion", "root"));
        RuleNode root = json.hasNonNull("root") ? reader.node(json.get("root"), "") : null;
        if (!reader.problems.isEmpty()) {
            throw new RuleValidationException(reader.problems);
        }
        return new Rule(version.intValue(), root);
    }

    private static RuleValidationException failure(String path, String key, Object... params) {
        return new RuleValidationException(List.of(new RuleProblem(path, key, List.of(params))));
    }

    /** Collects every shape problem with its position, numbered as the validator numbers them. */
    private static final class Reader {
        final List<RuleProblem> problems = new ArrayList<>();

        RuleNode node(JsonNode json, String path) {
            if (json == null || json.isNull()) {
                return null;
            }
            if (!json.isObject() || !json.path("type").isString()) {
                damaged(path, "type");
                return null;
            }
            String type = json.get("type").stringValue();
            return switch (type) {
                case "group" -> {
                    onlyProperties(json, path, Set.of("type", "combinator", "children"));
                    List<RuleNode> children = new ArrayList<>();
                    JsonNode array = json.path("children");
                    if (!array.isArray()) {
                        damaged(path, "children");
                    } else {
                        for (int i = 0; i < array.size(); i++) {
                            String childPath = path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1);
                            children.add(node(array.get(i), childPath));
                        }
                    }
                    yield new Group(enumValue(json, "combinator", Combinator.class, path), children);
                }
                case "not" -> {
                    onlyProperties(json, path, Set.of("type", "child"));
                    yield new Not(node(json.get("child"), path));
                }
                case "field" -> {
                    onlyProperties(json, path, Set.of("type", "field", "operator", "values"));
                    yield new FieldCondition(text(json, "field", path),
                            enumValue(json, "operator", Operator.class, path), texts(json, "values", path));
                }
                case "behaviour" -> {
                    onlyProperties(json, path, Set.of("type", "activityType", "withinDays", "attribute",
                            "attributeValue", "answerValue", "comparison", "count"));
                    yield new BehaviourCondition(enumValue(json, "activityType", ActivityType.class, path),
                            integer(json, "withinDays", path), text(json, "attribute", path),
                            text(json, "attributeValue", path), enumValue(json, "comparison", Comparison.class, path),
                            integer(json, "count", path), text(json, "answerValue", path));
                }
                case "inactivity" -> {
                    onlyProperties(json, path, Set.of("type", "activityTypes", "amount", "unit"));
                    Set<ActivityType> types = new LinkedHashSet<>();
                    JsonNode array = json.path("activityTypes");
                    if (!array.isArray()) {
                        damaged(path, "activityTypes");
                    } else {
                        for (JsonNode element : array) {
                            types.add(element.isNull() ? null
                                    : enumValue(element, ActivityType.class, path, "activityTypes"));
                        }
                    }
                    yield new InactivityCondition(types, integer(json, "amount", path),
                            enumValue(json, "unit", TimeUnit.class, path));
                }
                case "segment" -> {
                    onlyProperties(json, path, Set.of("type", "segmentId", "member"));
                    JsonNode id = json.path("segmentId");
                    JsonNode member = json.path("member");
                    if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                        damaged(path, "segmentId");
                    }
                    if (!member.isBoolean()) {
                        damaged(path, "member");
                    }
                    yield new SegmentCondition(id.isIntegralNumber() && id.canConvertToLong() ? id.longValue() : 0,
                            member.isBoolean() && member.booleanValue());
                }
                default -> {
                    damaged(path, "type");
                    yield null;
                }
            };
        }

        void onlyProperties(JsonNode json, String path, Set<String> allowed) {
            for (String name : json.propertyNames()) {
                if (!allowed.contains(name)) {
                    damaged(path, name);
                }
            }
        }

        /** A missing or null text property is null; anything but a string is damage. */
        String text(JsonNode json, String property, String path) {
            JsonNode value = json.get(property);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isString()) {
                damaged(path, property);
                return null;
            }
            return value.stringValue();
        }

        List<String> texts(JsonNode json, String property, String path) {
            JsonNode array = json.get(property);
            List<String> values = new ArrayList<>();
            if (array == null || array.isNull()) {
                return values;
            }
            if (!array.isArray()) {
                damaged(path, property);
                return values;
            }
            for (JsonNode element : array) {
                if (element.isString()) {
                    values.add(element.stringValue());
                } else if (element.isNull()) {
                    values.add(null);
                } else {
                    damaged(path, property);
                }
            }
            return values;
        }

        int integer(JsonNode json, String property, String path) {
            JsonNode value = json.path(property);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                damaged(path, property);
                return 0;
            }
            return value.intValue();
        }

        <E extends Enum<E>> E enumValue(JsonNode json, String property, Class<E> type, String path) {
            JsonNode value = json.get(property);
            return value == null || value.isNull() ? null : enumValue(value, type, path, property);
        }

        <E extends Enum<E>> E enumValue(JsonNode value, Class<E> type, String path, String property) {
            if (value.isString()) {
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equals(value.stringValue())) {
                        return constant;
                    }
                }
            }
            damaged(path, property);
            return null;
        }

        void damaged(String path, String property) {
            String shown = property.length() <= 40 ? property : property.substring(0, 40) + "…";
            problems.add(new RuleProblem(path, "rules.json.damaged", List.of(path.isEmpty() ? "1" : path, shown)));
        }
    }
}
