package com.leadflow.rules;

import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleNode.Not;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One streamed read of every contact for the full refresh, shared by scoring, lifecycle and segments (decision
 * 019): each contact is read once, with each distinct activity or segment condition of all their rules decided in
 * SQL as one column (MariaDB builds each behaviour set once from {@code ix_activity_type_time}); the rest of every
 * rule — the field comparisons — is decided in memory by {@link RuleEvaluator}, which the agreement test holds to
 * the compiler's meaning. The steps run in order on each contact, each seeing what the earlier ones decided (the
 * new score before the lifecycle rules, the new stage before the segments).
 */
public final class ContactPass {

    private static final int STREAM_FETCH_SIZE = 10_000;

    /**
     * A rule a step decides, and which contacts it may be decided for: {@code askedFor} is a predicate over
     * {@code contact c} (null: every contact). The activity conditions of a rule asked only for some contacts are
     * computed only for those (a lifecycle stage's rule only for contacts before that stage).
     */
    public record PassRule(Rule rule, SqlPredicate askedFor) {
    }

    /** One feature's part in the pass. */
    public interface Step {

        /** The rules {@link #decide} will ask about, validated. */
        List<PassRule> rules();

        /** Decides one contact; returns its facts as the following steps should see them. */
        ContactFacts decide(ContactFacts contact, RuleEvaluator.Decided decided);
    }

    /** A condition decided in SQL: its column, and for which contacts it is computed (empty: all). */
    private static final class Column {
        final RuleNode condition;
        final List<SqlPredicate> askedFor = new ArrayList<>();
        boolean always;
        int index;

        Column(RuleNode condition) {
            this.condition = condition;
        }
    }

    private ContactPass() {
    }

    /** Streams every contact through the steps, in order; returns the number of contacts read. */
    public static long run(JdbcTemplate jdbc, FieldCatalog catalog, Instant now, List<? extends Step> steps) {
        RuleSqlCompiler compiler = new RuleSqlCompiler(catalog);
        // distinct conditions by value (the same behaviour in two rules is one column); looked up by identity
        Map<RuleNode, Column> byValue = new LinkedHashMap<>();
        IdentityHashMap<RuleNode, Column> byNode = new IdentityHashMap<>();
        for (Step step : steps) {
            for (PassRule passRule : step.rules()) {
                collect(passRule.rule().root(), passRule.askedFor(), byValue, byNode);
            }
        }
        StringBuilder select = new StringBuilder("SELECT ").append(ContactFactsLoader.CONTACT_COLUMNS);
        List<Object> params = new ArrayList<>();
        int index = 0;
        for (Column column : byValue.values()) {
            column.index = ++index;
            SqlPredicate condition = compiler.compileNode(column.condition, now);
            if (column.always) {
                select.append(", ").append(condition.sql()).append(" AS d").append(index);
            } else {
                // IF is lazy: the condition's set is built, and probed, only for the contacts that may ask
                select.append(", IF(").append(String.join(" OR ",
                                column.askedFor.stream().map(guard -> "(" + guard.sql() + ")").toList()))
                        .append(", ").append(condition.sql()).append(", NULL) AS d").append(index);
                column.askedFor.forEach(guard -> params.addAll(guard.params()));
            }
            params.addAll(condition.params());
        }
        select.append(" FROM contact c");
        int columns = index;
        long[] contacts = {0};
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(select.toString(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(STREAM_FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            return statement;
        }, (RowCallbackHandler) rs -> {
            ContactFacts read = ContactFactsLoader.contact(rs, null, List.of(), Set.of());
            Boolean[] answers = new Boolean[columns + 1];
            for (int i = 1; i <= columns; i++) {
                int value = rs.getInt(ContactFactsLoader.CONTACT_COLUMN_COUNT + i);
                answers[i] = rs.wasNull() ? null : value != 0;
            }
            RuleEvaluator.Decided decided = condition -> {
                Column column = byNode.get(condition);
                Boolean answer = column == null ? null : answers[column.index];
                if (answer == null) {
                    throw new IllegalStateException("Contact " + read.id() + ": a condition was asked for outside "
                            + "the contacts it was computed for: " + condition);
                }
                return answer;
            };
            ContactFacts contact = read;
            for (Step step : steps) {
                contact = step.decide(contact, decided);
            }
            contacts[0]++;
        });
        return contacts[0];
    }

    private static void collect(RuleNode node, SqlPredicate askedFor, Map<RuleNode, Column> byValue,
                                IdentityHashMap<RuleNode, Column> byNode) {
        if (RuleEvaluator.isDecidedElsewhere(node)) {
            Column column = byValue.computeIfAbsent(node, Column::new);
            if (askedFor == null) {
                column.always = true;
            } else {
                column.askedFor.add(askedFor);
            }
            byNode.put(node, column);
            return;
        }
        switch (node) {
            case Group group -> group.children().forEach(child -> collect(child, askedFor, byValue, byNode));
            case Not not -> collect(not.child(), askedFor, byValue, byNode);
            default -> {
            }
        }
    }
}
