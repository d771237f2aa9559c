package com.leadflow.rules;

import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.Not;
import com.leadflow.rules.RuleNode.SegmentCondition;
import com.leadflow.timeline.ActivityType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a valid rule into a parameterised SQL predicate over {@code contact c}. Values are always bound
 * parameters; column names and JSON paths come only from the {@link FieldCatalog}. Every condition yields TRUE or
 * FALSE, never NULL (NULL columns are guarded), so NOT and the negative operators mean exactly what
 * {@link RuleEvaluator} computes for one contact in memory.
 */
public class RuleSqlCompiler {

    private final FieldCatalog catalog;
    private final RuleValidator validator;

    public RuleSqlCompiler(FieldCatalog catalog) {
        this.catalog = catalog;
        this.validator = new RuleValidator(catalog);
    }

    /** Relative times count back from {@code now}, computed here and bound, so the SQL has no clock of its own. */
    public SqlPredicate compile(Rule rule, Instant now) {
        validator.requireValid(rule);
        List<Object> params = new ArrayList<>();
        String sql = node(rule.root(), now, params);
        return new SqlPredicate(sql, params);
    }

    /** One condition of a rule already validated (with {@link #compile}), on its own. */
    SqlPredicate compileNode(RuleNode node, Instant now) {
        List<Object> params = new ArrayList<>();
        String sql = node(node, now, params);
        return new SqlPredicate(sql, params);
    }

    private String node(RuleNode node, Instant now, List<Object> params) {
        return switch (node) {
            case Group group -> {
                List<String> parts = new ArrayList<>();
                for (RuleNode child : group.children()) {
                    parts.add(node(child, now, params));
                }
                yield "(" + String.join(group.combinator() == Combinator.ALL ? " AND " : " OR ", parts) + ")";
            }
            case Not not -> "(NOT " + node(not.child(), now, params) + ")";
            case FieldCondition condition -> field(condition, now, params);
            case BehaviourCondition condition -> behaviour(condition, now, params);
            case InactivityCondition condition -> inactivity(condition, now, params);
            case SegmentCondition condition -> {
                params.add(condition.segmentId());
                yield "(" + (condition.member() ? "" : "NOT ")
                        + "EXISTS (SELECT 1 FROM segment_member sm WHERE sm.segment_id = ? AND sm.contact_id = c.id))";
            }
        };
    }

    private String field(FieldCondition condition, Instant now, List<Object> params) {
        FieldDefinition field = catalog.field(condition.field());
        String column = "c." + field.column();
        List<String> values = condition.values();
        return switch (condition.operator()) {
            case IS_EMPTY -> field.type() == FieldType.TEXT
                    ? "(" + column + " IS NULL OR CHAR_LENGTH(" + column + ") = 0)"
                    : "(" + column + " IS NULL)";
            case IS_NOT_EMPTY -> field.type() == FieldType.TEXT
                    ? "(" + column + " IS NOT NULL AND CHAR_LENGTH(" + column + ") > 0)"
                    : "(" + column + " IS NOT NULL)";
            case IS_TRUE -> present(field, column + " <> 0");
            case IS_FALSE -> absentOr(field, column + " = 0");
            case EQUALS -> present(field, comparable(field, column) + " = " + bind(field, values.getFirst(), params));
            case NOT_EQUALS -> absentOr(field,
                    comparable(field, column) + " <> " + bind(field, values.getFirst(), params));
            case IN -> present(field, comparable(field, column) + " IN (" + bindAll(field, values, params) + ")");
            case NOT_IN -> absentOr(field,
                    comparable(field, column) + " NOT IN (" + bindAll(field, values, params) + ")");
            case CONTAINS -> present(field, "LOCATE(" + bind(field, values.getFirst(), params) + ", "
                    + CaseFolding.sql(column) + ") > 0");
            case STARTS_WITH -> present(field, "LOCATE(" + bind(field, values.getFirst(), params) + ", "
                    + CaseFolding.sql(column) + ") = 1");
            case GREATER_THAN -> present(field, column + " > " + bind(field, values.getFirst(), params));
            case LESS_THAN -> present(field, column + " < " + bind(field, values.getFirst(), params));
            case BETWEEN -> field.type() == FieldType.DATE
                    ? present(field, column + " >= " + bindInstant(dayStart(values.get(0)), params) + " AND "
                            + column + " < " + bindInstant(dayStart(values.get(1)).plus(1, ChronoUnit.DAYS), params))
                    : present(field, column + " BETWEEN " + bind(field, values.get(0), params) + " AND "
                            + bind(field, values.get(1), params));
            // a date is a whole day: before it means before it starts, after it means once it is over
            case BEFORE -> present(field, column + " < " + bindInstant(dayStart(values.getFirst()), params));
            case AFTER -> present(field, column + " >= "
                    + bindInstant(dayStart(values.getFirst()).plus(1, ChronoUnit.DAYS), params));
            case MORE_THAN_AGO -> present(field, column + " < " + bindInstant(relative(values, now), params));
            case LESS_THAN_AGO -> present(field, column + " >= " + bindInstant(relative(values, now), params));
        };
    }

    /** Text compares case-insensitively; enums, numbers and dates as stored (which keeps their indexes usable). */
    private static String comparable(FieldDefinition field, String column) {
        return field.type() == FieldType.TEXT ? CaseFolding.sql(column) : column;
    }

    /** A positive test is false on NULL. */
    private static String present(FieldDefinition field, String predicate) {
        return field.nullable() ? "(c." + field.column() + " IS NOT NULL AND " + predicate + ")"
                : "(" + predicate + ")";
    }

    /** A negative test is true on NULL: an empty field is not equal to anything. */
    private static String absentOr(FieldDefinition field, String predicate) {
        return field.nullable() ? "(c." + field.column() + " IS NULL OR " + predicate + ")"
                : "(" + predicate + ")";
    }

    private static String bind(FieldDefinition field, String value, List<Object> params) {
        params.add(switch (field.type()) {
            case TEXT -> CaseFolding.fold(value);
            case NUMBER -> ConditionValues.number(value);
            case ENUM -> value;
            case DATE, BOOLEAN -> throw new IllegalStateException("not bound as a value: " + field.type());
        });
        return "?";
    }

    private static String bindAll(FieldDefinition field, List<String> values, List<Object> params) {
        return values.stream().map(value -> bind(field, value, params)).collect(Collectors.joining(", "));
    }

    /**
     * The contacts whose count of matching activities compares right, as a set: MariaDB can then either build it
     * once from {@code ix_activity_type_time} (a full refresh, a preview) or probe it per contact through
     * {@code ix_activity_contact_time} (a selective rule), whichever costs less. A contact without any matching
     * activity is not in the grouped subquery at all, so a comparison that zero satisfies ("at most 2") is written
     * as the complement of the contacts whose count fails it.
     */
    private String behaviour(BehaviourCondition condition, Instant now, List<Object> params) {
        StringBuilder activities = new StringBuilder(countedActivities(condition, now, params));
        if (condition.comparison() == Comparison.AT_LEAST && condition.count() == 1) {
            // "at least once" is a plain semi-join: without GROUP BY the optimizer may pick first-match probes for
            // a filtered preview or one materialised set for a full refresh, whichever is cheaper
            return "(c.id IN (" + activities + "))";
        }
        activities.append(" GROUP BY a.contact_id HAVING ");
        String comparison = "COUNT(*) " + condition.comparison().sqlOperator() + " ?";
        params.add(condition.count());
        return condition.comparison().test(0, condition.count())
                ? "(c.id NOT IN (" + activities + "NOT (" + comparison + ")))"
                : "(c.id IN (" + activities + comparison + "))";
    }

    /** The contact id of each activity a behaviour condition counts (one row per activity), for a full refresh. */
    SqlPredicate countedActivities(BehaviourCondition condition, Instant now) {
        List<Object> params = new ArrayList<>();
        String sql = countedActivities(condition, now, params);
        return new SqlPredicate(sql, params);
    }

    private String countedActivities(BehaviourCondition condition, Instant now, List<Object> params) {
        StringBuilder activities = new StringBuilder(
                "SELECT a.contact_id FROM activity a WHERE a.type = ? AND a.occurred_at >= ?");
        params.add(condition.type().name());
        params.add(utc(TimeUnit.DAYS.before(now, condition.withinDays())));
        String attribute = condition.attribute();
        if (attribute != null && !attribute.isEmpty()) {
            activities.append(attributeMatch(attribute, condition.attributeValue(), params));
            String answer = condition.answerValue();
            if (answer != null && !answer.isEmpty()) {
                activities.append(attributeMatch(FieldCatalog.ANSWER_ATTRIBUTE, answer, params));
            }
        }
        return activities.toString();
    }

    /**
     * The contact id of each activity that breaks a typed inactivity condition (one of its types after the cutoff),
     * for a full refresh; the contact must also have been created by the cutoff, as {@link #inactivity} says.
     */
    SqlPredicate breakingActivities(InactivityCondition condition, Instant now) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT a.contact_id FROM activity a WHERE a.type IN (");
        List<String> marks = new ArrayList<>();
        for (ActivityType type : condition.types()) {
            marks.add("?");
            params.add(type.name());
        }
        sql.append(String.join(", ", marks)).append(") AND a.occurred_at > ?");
        params.add(utc(condition.unit().before(now, condition.amount())));
        return new SqlPredicate(sql.toString(), params);
    }

    /** Same expression as {@link ContactFactsLoader} reads; a missing attribute is NULL and matches nothing. */
    private static String attributeMatch(String attribute, String value, List<Object> params) {
        String folded = CaseFolding.sql(attributeExpression("a", attribute));
        params.add(CaseFolding.fold(value));
        return FieldCatalog.CONTAINS_ATTRIBUTES.contains(attribute)
                ? " AND LOCATE(?, " + folded + ") > 0"
                : " AND " + folded + " = ?";
    }

    /** JSON_VALUE, not JSON_UNQUOTE(JSON_EXTRACT()): in MariaDB 11.4 the latter turns emoji into '?'. */
    static String attributeExpression(String activityAlias, String attribute) {
        if (!FieldCatalog.LOADED_ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException("not a catalog attribute: " + attribute);
        }
        return "JSON_VALUE(" + activityAlias + ".payload, '$." + attribute + "')";
    }

    private String inactivity(InactivityCondition condition, Instant now, List<Object> params) {
        Instant cutoff = condition.unit().before(now, condition.amount());
        if (condition.types().isEmpty()) {
            // last_activity_at is kept with every activity; a contact never active is quiet since it was created
            params.add(utc(cutoff));
            return "(COALESCE(c.last_activity_at, c.created_at) <= ?)";
        }
        // a contact created after the cutoff has not been quiet that long, whatever it did
        params.add(utc(cutoff));
        StringBuilder sql = new StringBuilder(
                "(c.created_at <= ? AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.contact_id = c.id AND a.type IN (");
        List<String> marks = new ArrayList<>();
        for (ActivityType type : condition.types()) {
            marks.add("?");
            params.add(type.name());
        }
        sql.append(String.join(", ", marks)).append(") AND a.occurred_at > ?))");
        params.add(utc(cutoff));
        return sql.toString();
    }

    private static Instant relative(List<String> values, Instant now) {
        return ConditionValues.unit(values.get(1)).before(now, ConditionValues.amount(values.get(0)));
    }

    private static Instant dayStart(String value) {
        LocalDate date = ConditionValues.date(value);
        return ConditionValues.startOfDay(date);
    }

    private static String bindInstant(Instant instant, List<Object> params) {
        params.add(utc(instant));
        return "?";
    }

    /** DATETIME columns hold UTC wall-clock time (as Hibernate writes an Instant), whatever the JVM's zone. */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
