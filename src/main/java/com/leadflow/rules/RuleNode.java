package com.leadflow.rules;

import com.leadflow.timeline.ActivityType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A node of a rule tree: a group, a negation or a condition. The records accept incomplete input (nulls, unknown
 * field names, unparsed values), because they also carry what a marketer is still editing; {@link RuleValidator}
 * says what is wrong, and the compiler and the evaluator refuse a tree it has problems with.
 */
public sealed interface RuleNode extends Serializable {

    static Group all(RuleNode... children) {
        return new Group(Combinator.ALL, Arrays.asList(children));
    }

    static Group any(RuleNode... children) {
        return new Group(Combinator.ANY, Arrays.asList(children));
    }

    static Not not(RuleNode child) {
        return new Not(child);
    }

    /** ALL or ANY of the children. */
    record Group(Combinator combinator, List<RuleNode> children) implements RuleNode {
        public Group {
            children = copy(children);
        }
    }

    /** Matches exactly the contacts the child does not match. */
    record Not(RuleNode child) implements RuleNode {
    }

    /**
     * A comparison of a catalog field ({@link FieldCatalog}) with values written as text: numbers as digits, dates
     * as {@code yyyy-MM-dd}, enum values as their codes, relative times as amount and unit ({@code ["3", "MONTHS"]}).
     */
    record FieldCondition(String field, Operator operator, List<String> values) implements RuleNode {
        public FieldCondition {
            values = copy(values);
        }

        public FieldCondition(String field, Operator operator, String... values) {
            this(field, operator, Arrays.asList(values));
        }
    }

    /**
     * The number of activities of a type in the last {@code withinDays} days compared with {@code count}, optionally
     * only those whose payload attribute matches (see {@link FieldCatalog#ACTIVITY_ATTRIBUTES}): a URL contains the
     * text; an asset, campaign, form or survey question equals it, ignoring case. For a survey question,
     * {@code answerValue} (optional) must equal the answer given too.
     */
    record BehaviourCondition(ActivityType type, int withinDays, String attribute, String attributeValue,
                              Comparison comparison, int count, String answerValue) implements RuleNode {

        public BehaviourCondition(ActivityType type, int withinDays, String attribute, String attributeValue,
                                  Comparison comparison, int count) {
            this(type, withinDays, attribute, attributeValue, comparison, count, null);
        }
    }

    /**
     * No activity (of any type when {@code types} is empty, else of those types) for at least {@code amount} units;
     * a contact that was never active is inactive.
     */
    record InactivityCondition(Set<ActivityType> types, int amount, TimeUnit unit) implements RuleNode {
        public InactivityCondition {
            types = types == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(types));
        }
    }

    /** Whether the contact is (or is not) a current member of a segment. */
    record SegmentCondition(long segmentId, boolean member) implements RuleNode {
    }

    /** An unmodifiable copy that, unlike List.copyOf, keeps nulls for the validator to report. */
    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
