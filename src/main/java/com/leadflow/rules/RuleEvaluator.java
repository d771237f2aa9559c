package com.leadflow.rules;

import com.leadflow.rules.ContactFacts.ActivityFact;
import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.Not;
import com.leadflow.rules.RuleNode.SegmentCondition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides a valid rule for one contact in memory, with exactly the meaning {@link RuleSqlCompiler} gives it in SQL
 * (the two are tested against each other on random trees): used to re-evaluate a contact the moment it changes,
 * and by the full refresh's single read of the contacts. Not thread-safe (it remembers folded texts): one evaluator
 * per use.
 */
public class RuleEvaluator {

    private final FieldCatalog catalog;
    private final RuleValidator validator;
    // a full refresh folds the same condition values a million times, and a contact's field once per condition
    private final Map<String, String> foldedConditionValues = new HashMap<>();
    private String lastContactText;
    private String lastContactFolded;

    public RuleEvaluator(FieldCatalog catalog) {
        this.catalog = catalog;
        this.validator = new RuleValidator(catalog);
    }

    /**
     * Whether the contact matches the rule at {@code now}. The facts must hold the activities since
     * {@link #activitiesNeededSince}; a rule with problems is refused with a {@link RuleValidationException}.
     */
    public boolean matches(Rule rule, ContactFacts contact, Instant now) {
        validator.requireValid(rule);
        requireActivities(rule, contact, now);
        return node(rule.root(), contact, now, null);
    }

    /**
     * Whether the contact matches a rule already validated, with its activity and segment conditions (behaviour,
     * inactivity of given types, segment membership) decided by {@code decided} rather than from the facts: a full
     * refresh decides those in SQL, one column per distinct condition, and everything else here ({@link ContactPass}).
     */
    public boolean matchesDecided(Rule rule, ContactFacts contact, Instant now, Decided decided) {
        return node(rule.root(), contact, now, decided);
    }

    /** The answer to an activity or segment condition, decided elsewhere. */
    @FunctionalInterface
    public interface Decided {
        boolean test(RuleNode condition);
    }

    /** Whether the condition is one {@link #matchesDecided} asks {@link Decided} about. */
    public static boolean isDecidedElsewhere(RuleNode node) {
        return node instanceof BehaviourCondition || node instanceof SegmentCondition
                || node instanceof InactivityCondition inactivity && !inactivity.types().isEmpty();
    }

    /** The ids of the contacts that match, validating the rule once. */
    public Set<Long> matching(Rule rule, Collection<ContactFacts> contacts, Instant now) {
        validator.requireValid(rule);
        Set<Long> ids = new LinkedHashSet<>();
        for (ContactFacts contact : contacts) {
            requireActivities(rule, contact, now);
            if (node(rule.root(), contact, now, null)) {
                ids.add(contact.id());
            }
        }
        return ids;
    }

    /** The earliest activity time the rule looks at, or null if it looks at no activities (only at fields). */
    public static Instant activitiesNeededSince(Rule rule, Instant now) {
        return rule == null ? null : earliest(rule.root(), now);
    }

    private static Instant earliest(RuleNode node, Instant now) {
        return switch (node) {
            case null -> null;
            case Group group -> {
                Instant earliest = null;
                for (RuleNode child : group.children()) {
                    earliest = min(earliest, earliest(child, now));
                }
                yield earliest;
            }
            case Not not -> earliest(not.child(), now);
            case BehaviourCondition condition -> TimeUnit.DAYS.before(now, condition.withinDays());
            case InactivityCondition condition -> condition.types().isEmpty() || condition.unit() == null ? null
                    : condition.unit().before(now, condition.amount());
            case FieldCondition ignored -> null;
            case SegmentCondition ignored -> null;
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** Facts that miss activities the rule counts would silently give the wrong answer. */
    private static void requireActivities(Rule rule, ContactFacts contact, Instant now) {
        Instant needed = activitiesNeededSince(rule, now);
        if (needed != null && (contact.activitiesSince() == null || contact.activitiesSince().isAfter(needed))) {
            throw new IllegalArgumentException("The facts of contact " + contact.id() + " hold activities since "
                    + contact.activitiesSince() + ", the rule needs them since " + needed);
        }
    }

    /** With {@code decided} null, every condition is decided from the facts. */
    private boolean node(RuleNode node, ContactFacts contact, Instant now, Decided decided) {
        if (decided != null && isDecidedElsewhere(node)) {
            return decided.test(node);
        }
        return switch (node) {
            case Group group -> group.combinator() == Combinator.ALL
                    ? allMatch(group.children(), contact, now, decided)
                    : anyMatch(group.children(), contact, now, decided);
            case Not not -> !node(not.child(), contact, now, decided);
            case FieldCondition condition -> field(condition, contact, now);
            case BehaviourCondition condition -> behaviour(condition, contact, now);
            case InactivityCondition condition -> inactive(condition, contact, now);
            case SegmentCondition condition -> contact.segmentIds().contains(condition.segmentId())
                    == condition.member();
        };
    }

    private boolean allMatch(List<RuleNode> children, ContactFacts contact, Instant now, Decided decided) {
        for (RuleNode child : children) {
            if (!node(child, contact, now, decided)) {
                return false;
            }
        }
        return true;
    }

    private boolean anyMatch(List<RuleNode> children, ContactFacts contact, Instant now, Decided decided) {
        for (RuleNode child : children) {
            if (node(child, contact, now, decided)) {
                return true;
            }
        }
        return false;
    }

    private boolean field(FieldCondition condition, ContactFacts contact, Instant now) {
        FieldDefinition field = catalog.field(condition.field());
        Object value = field.value().apply(contact);
        List<String> values = condition.values();
        return switch (condition.operator()) {
            case IS_EMPTY -> value == null || value instanceof String text && text.isEmpty();
            case IS_NOT_EMPTY -> value != null && !(value instanceof String text && text.isEmpty());
            case IS_TRUE -> value != null && (Boolean) value;
            case IS_FALSE -> value == null || !(Boolean) value;
            case EQUALS -> value != null && equal(field, value, values.getFirst());
            case NOT_EQUALS -> value == null || !equal(field, value, values.getFirst());
            case IN -> value != null && values.stream().anyMatch(v -> equal(field, value, v));
            case NOT_IN -> value == null || values.stream().noneMatch(v -> equal(field, value, v));
            case CONTAINS -> value != null && foldContactText((String) value).contains(foldCondition(values.getFirst()));
            case STARTS_WITH -> value != null
                    && foldContactText((String) value).startsWith(foldCondition(values.getFirst()));
            case GREATER_THAN -> value != null && (Long) value > ConditionValues.number(values.getFirst());
            case LESS_THAN -> value != null && (Long) value < ConditionValues.number(values.getFirst());
            case BETWEEN -> value != null && (field.type() == FieldType.DATE
                    ? !((Instant) value).isBefore(dayStart(values.get(0)))
                            && ((Instant) value).isBefore(dayStart(values.get(1)).plus(1, ChronoUnit.DAYS))
                    : (Long) value >= ConditionValues.number(values.get(0))
                            && (Long) value <= ConditionValues.number(values.get(1)));
            case BEFORE -> value != null && ((Instant) value).isBefore(dayStart(values.getFirst()));
            case AFTER -> value != null
                    && !((Instant) value).isBefore(dayStart(values.getFirst()).plus(1, ChronoUnit.DAYS));
            case MORE_THAN_AGO -> value != null && ((Instant) value).isBefore(relative(values, now));
            case LESS_THAN_AGO -> value != null && !((Instant) value).isBefore(relative(values, now));
        };
    }

    private String foldCondition(String conditionValue) {
        return foldedConditionValues.computeIfAbsent(conditionValue, CaseFolding::fold);
    }

    /** The same text object as the last condition's (the same contact field): folded once. */
    private String foldContactText(String text) {
        if (text != lastContactText) {
            lastContactText = text;
            lastContactFolded = CaseFolding.fold(text);
        }
        return lastContactFolded;
    }

    private boolean equal(FieldDefinition field, Object value, String conditionValue) {
        return switch (field.type()) {
            case TEXT -> foldContactText((String) value).equals(foldCondition(conditionValue));
            case NUMBER -> ((Long) value).longValue() == ConditionValues.number(conditionValue);
            case ENUM -> value.equals(conditionValue);
            case DATE, BOOLEAN -> throw new IllegalStateException("not compared by value: " + field.type());
        };
    }

    private static boolean behaviour(BehaviourCondition condition, ContactFacts contact, Instant now) {
        Instant since = TimeUnit.DAYS.before(now, condition.withinDays());
        long count = 0;
        for (ActivityFact activity : contact.activities()) {
            if (activity.type() == condition.type() && !activity.occurredAt().isBefore(since)
                    && attributesMatch(condition, activity)) {
                count++;
            }
        }
        return condition.comparison().test(count, condition.count());
    }

    private static boolean attributesMatch(BehaviourCondition condition, ActivityFact activity) {
        String attribute = condition.attribute();
        if (attribute == null || attribute.isEmpty()) {
            return true;
        }
        String answer = condition.answerValue();
        return attributeMatches(attribute, condition.attributeValue(), activity)
                && (answer == null || answer.isEmpty()
                        || attributeMatches(FieldCatalog.ANSWER_ATTRIBUTE, answer, activity));
    }

    private static boolean attributeMatches(String attribute, String expected, ActivityFact activity) {
        String actual = activity.attributes().get(attribute);
        if (actual == null) {
            return false;
        }
        String folded = CaseFolding.fold(actual);
        return FieldCatalog.CONTAINS_ATTRIBUTES.contains(attribute)
                ? folded.contains(CaseFolding.fold(expected))
                : folded.equals(CaseFolding.fold(expected));
    }

    private static boolean inactive(InactivityCondition condition, ContactFacts contact, Instant now) {
        Instant cutoff = condition.unit().before(now, condition.amount());
        // a contact never active is quiet since it was created, and one created after the cutoff is not quiet yet
        if (condition.types().isEmpty()) {
            Instant quietSince = contact.lastActivityAt() != null ? contact.lastActivityAt() : contact.createdAt();
            return quietSince != null && !quietSince.isAfter(cutoff);
        }
        if (contact.createdAt() == null || contact.createdAt().isAfter(cutoff)) {
            return false;
        }
        for (ActivityFact activity : contact.activities()) {
            if (condition.types().contains(activity.type()) && activity.occurredAt().isAfter(cutoff)) {
                return false;
            }
        }
        return true;
    }

    private static Instant relative(List<String> values, Instant now) {
        return ConditionValues.unit(values.get(1)).before(now, ConditionValues.amount(values.get(0)));
    }

    private static Instant dayStart(String value) {
        return ConditionValues.startOfDay(ConditionValues.date(value));
    }
}
