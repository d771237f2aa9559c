package com.leadflow.rules;

import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.Not;
import com.leadflow.rules.RuleNode.SegmentCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One streamed read of every contact for the full refresh, shared by scoring, lifecycle and segments (decision
 * 019). Each distinct activity or segment condition of all their rules is read once, before the contacts, as the
 * ids of the contacts it concerns — the activities a behaviour condition counts, the activities that break a typed
 * inactivity, a segment's members — with the compiler's own SQL, from the indexes. The contacts then stream in id
 * order, each condition's answer is found by walking its sorted ids alongside, and the field comparisons are decided
 * in memory by {@link RuleEvaluator}, which the agreement test holds to the compiler's meaning. The steps run in
 * order on each contact, each seeing what the earlier ones decided (the new score before the lifecycle rules, the
 * new stage before the segments).
 */
public final class ContactPass {

    private static final Logger log = LoggerFactory.getLogger(ContactPass.class);

    private static final int STREAM_FETCH_SIZE = 10_000;

    /** What the steps read besides the rules' fields: scoring, lifecycle and the decay. */
    private static final Set<String> ALWAYS_READ = Set.of("id", "lifecycle_stage", "status", "score", "temperature",
            "created_at", "last_activity_at");

    /**
     * A rule a step decides, and which contacts it may be decided for: {@code askedFor} is a predicate over
     * {@code contact c} (null: every contact). A condition asked only for some contacts is not read at all when no
     * contact is among them (a lifecycle stage's rule when every contact is past that stage).
     */
    public record PassRule(Rule rule, SqlPredicate askedFor) {
    }

    /** One feature's part in the pass. */
    public interface Step {

        /** The rules {@link #decide} will ask about, validated. */
        List<PassRule> rules();

        /** Decides one contact (they come in id order); returns its facts as the following steps should see them. */
        ContactFacts decide(ContactFacts contact, RuleEvaluator.Decided decided);
    }

    private ContactPass() {
    }

    /** Streams every contact through the steps, in order; returns the number of contacts read. */
    public static long run(JdbcTemplate jdbc, FieldCatalog catalog, Instant now, List<? extends Step> steps) {
        return run(jdbc, catalog, now, steps, null);
    }

    /**
     * The same for the given contacts only (a batch the background re-evaluation took from its queue; null: every
     * contact): the contacts, the activities and the members read are those of the batch.
     */
    public static long run(JdbcTemplate jdbc, FieldCatalog catalog, Instant now, List<? extends Step> steps,
                           List<Long> contactIds) {
        Scope scope = contactIds == null ? Scope.ALL : new Scope(contactIds);
        RuleSqlCompiler compiler = new RuleSqlCompiler(catalog);
        // distinct conditions by value (the same behaviour in two rules is read once); looked up by identity
        Map<RuleNode, DecidedSet> byValue = new LinkedHashMap<>();
        IdentityHashMap<RuleNode, DecidedSet> byNode = new IdentityHashMap<>();
        Set<String> columns = new HashSet<>(ALWAYS_READ);
        for (Step step : steps) {
            for (PassRule passRule : step.rules()) {
                collect(passRule.rule().root(), passRule.askedFor(), byValue, byNode, catalog, columns);
            }
        }
        long started = System.nanoTime();
        for (DecidedSet set : byValue.values()) {
            set.read(jdbc, compiler, now, scope);
        }
        long setsRead = System.nanoTime();
        // the columns no rule looks at are read as NULL: a million rows decode faster
        String select = "SELECT " + String.join(", ", ContactFactsLoader.CONTACT_COLUMNS.stream()
                .map(column -> columns.contains(column) ? "c." + column : "NULL").toList())
                + " FROM contact c" + scope.where("c.id") + " ORDER BY c.id";
        long[] contacts = {0};
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(select, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(STREAM_FETCH_SIZE);
            for (int i = 0; i < scope.ids().size(); i++) {
                statement.setObject(i + 1, scope.ids().get(i));
            }
            return statement;
        }, (RowCallbackHandler) rs -> {
            ContactFacts read = ContactFactsLoader.contactAt(rs);
            RuleEvaluator.Decided decided = condition -> byNode.get(condition).answer(read, jdbc, compiler, now);
            ContactFacts contact = read;
            for (Step step : steps) {
                contact = step.decide(contact, decided);
            }
            contacts[0]++;
        });
        log.info("Full refresh pass: {} activity and segment conditions read in {} ms ({} ids), {} contacts read and "
                        + "decided in {} ms", byValue.size(), (setsRead - started) / 1_000_000,
                byValue.values().stream().mapToLong(set -> set.ids == null ? 0 : set.ids.length).sum(), contacts[0],
                (System.nanoTime() - setsRead) / 1_000_000);
        return contacts[0];
    }

    /** The contacts a pass reads: all, or a list of ids. */
    private record Scope(List<Long> ids) {
        static final Scope ALL = new Scope(List.of());

        /** {@code " WHERE <column> IN (…)"}, or nothing for every contact. */
        String where(String column) {
            return this == ALL ? "" : " WHERE " + column + in();
        }

        /** {@code " AND <column> IN (…)"}, or nothing. */
        String and(String column) {
            return this == ALL ? "" : " AND " + column + in();
        }

        private String in() {
            return ids.isEmpty() ? " IN (NULL)" : " IN (" + String.join(", ", ids.stream().map(id -> "?").toList()) + ")";
        }

        /** The statement with the scope's ids appended to its parameters. */
        SqlPredicate restrict(SqlPredicate select, String column) {
            List<Object> params = new ArrayList<>(select.params());
            if (this != ALL) {
                params.addAll(ids);
            }
            return new SqlPredicate(select.sql() + and(column), params);
        }
    }

    private static void collect(RuleNode node, SqlPredicate askedFor, Map<RuleNode, DecidedSet> byValue,
                                IdentityHashMap<RuleNode, DecidedSet> byNode, FieldCatalog catalog,
                                Set<String> columns) {
        if (RuleEvaluator.isDecidedElsewhere(node)) {
            DecidedSet set = byValue.computeIfAbsent(node, DecidedSet::new);
            if (askedFor == null) {
                set.always = true;
            } else {
                set.askedFor.add(askedFor);
            }
            byNode.put(node, set);
            return;
        }
        switch (node) {
            case RuleNode.FieldCondition condition -> columns.add(catalog.field(condition.field()).column());
            case Group group -> group.children().forEach(child -> collect(child, askedFor, byValue, byNode, catalog,
                    columns));
            case Not not -> collect(not.child(), askedFor, byValue, byNode, catalog, columns);
            default -> {
            }
        }
    }

    /**
     * One activity or segment condition, decided for every contact from the sorted ids of the contacts it concerns:
     * {@code ids[i]}'s answer is {@code answers[i]}, every other contact's is {@code otherwise}.
     */
    private static final class DecidedSet {
        final RuleNode condition;
        final List<SqlPredicate> askedFor = new ArrayList<>();
        boolean always;
        long[] ids;
        boolean[] answers;
        boolean otherwise;
        /** For a typed inactivity: only a contact created by then can have been quiet that long. */
        Instant createdBy;
        int cursor;

        DecidedSet(RuleNode condition) {
            this.condition = condition;
        }

        void read(JdbcTemplate jdbc, RuleSqlCompiler compiler, Instant now, Scope scope) {
            if (!always && !anyAsked(jdbc, scope)) {
                return; // nobody can ask: not read (a contact that changed meanwhile is asked one by one)
            }
            switch (condition) {
                case BehaviourCondition behaviour -> {
                    long[] perActivity = contactIds(jdbc, scope.restrict(compiler.countedActivities(behaviour, now),
                            "a.contact_id"));
                    Arrays.sort(perActivity);
                    int distinct = 0;
                    long[] counted = new long[perActivity.length];
                    boolean[] passes = new boolean[perActivity.length];
                    for (int i = 0; i < perActivity.length; ) {
                        int j = i;
                        while (j < perActivity.length && perActivity[j] == perActivity[i]) {
                            j++;
                        }
                        counted[distinct] = perActivity[i];
                        passes[distinct++] = behaviour.comparison().test(j - i, behaviour.count());
                        i = j;
                    }
                    ids = Arrays.copyOf(counted, distinct);
                    answers = Arrays.copyOf(passes, distinct);
                    otherwise = behaviour.comparison().test(0, behaviour.count());
                }
                case InactivityCondition inactivity -> {
                    ids = distinct(contactIds(jdbc, scope.restrict(compiler.breakingActivities(inactivity, now),
                            "a.contact_id")));
                    answers = new boolean[ids.length]; // active since the cutoff: not inactive
                    otherwise = true;
                    createdBy = inactivity.unit().before(now, inactivity.amount());
                }
                case SegmentCondition segment -> {
                    ids = distinct(contactIds(jdbc, scope.restrict(new SqlPredicate(
                            "SELECT contact_id FROM segment_member WHERE segment_id = ?",
                            List.of(segment.segmentId())), "contact_id")));
                    answers = new boolean[ids.length];
                    Arrays.fill(answers, segment.member());
                    otherwise = !segment.member();
                }
                default -> throw new IllegalStateException("not decided from a set: " + condition);
            }
        }

        private boolean anyAsked(JdbcTemplate jdbc, Scope scope) {
            List<Object> params = new ArrayList<>();
            askedFor.forEach(guard -> params.addAll(guard.params()));
            SqlPredicate exists = scope.restrict(new SqlPredicate("SELECT 1 FROM contact c WHERE ("
                    + String.join(" OR ", askedFor.stream().map(guard -> "(" + guard.sql() + ")").toList()) + ")",
                    params), "c.id");
            return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (" + exists.sql() + ")", Boolean.class,
                    exists.params().toArray()));
        }

        /** The answer for a contact; contacts are asked about in id order. */
        boolean answer(ContactFacts contact, JdbcTemplate jdbc, RuleSqlCompiler compiler, Instant now) {
            if (ids == null) {
                // not read because nobody could ask when the pass began: this contact changed since
                SqlPredicate one = compiler.compileNode(condition, now);
                List<Object> params = new ArrayList<>(one.params());
                params.add(contact.id());
                return Boolean.TRUE.equals(jdbc.queryForObject("SELECT " + one.sql() + " FROM contact c WHERE c.id = ?",
                        Boolean.class, params.toArray()));
            }
            while (cursor < ids.length && ids[cursor] < contact.id()) {
                cursor++;
            }
            boolean answer = cursor < ids.length && ids[cursor] == contact.id() ? answers[cursor] : otherwise;
            if (createdBy != null) {
                answer &= contact.createdAt() != null && !contact.createdAt().isAfter(createdBy);
            }
            return answer;
        }

        private static long[] contactIds(JdbcTemplate jdbc, SqlPredicate select) {
            long[][] ids = {new long[1024]};
            int[] size = {0};
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(select.sql(), ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(STREAM_FETCH_SIZE);
                for (int i = 0; i < select.params().size(); i++) {
                    statement.setObject(i + 1, select.params().get(i));
                }
                return statement;
            }, (RowCallbackHandler) rs -> {
                if (size[0] == ids[0].length) {
                    ids[0] = Arrays.copyOf(ids[0], ids[0].length * 2);
                }
                ids[0][size[0]++] = rs.getLong(1);
            });
            return Arrays.copyOf(ids[0], size[0]);
        }

        private static long[] distinct(long[] ids) {
            return Arrays.stream(ids).sorted().distinct().toArray();
        }
    }
}
