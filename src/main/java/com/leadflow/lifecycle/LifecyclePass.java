package com.leadflow.lifecycle;

import com.leadflow.contact.LifecycleStage;
import com.leadflow.lifecycle.LifecycleDefinitions.StageRule;
import com.leadflow.rules.ContactFacts;
import com.leadflow.rules.ContactPass;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.RuleEvaluator;
import com.leadflow.rules.RuleValidationException;
import com.leadflow.rules.RuleValidator;
import com.leadflow.rules.SqlPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lifecycle's part in the full refresh's single read of the contacts ({@link ContactPass}): the same decision as
 * {@link LifecycleRefresher#refresh} makes in SQL — stages latest first, a contact at a stage or later stops before
 * that stage's rule, a held contact stays — made in memory on the contact as scoring has just left it. The moves are
 * kept and written afterwards in one transaction.
 */
public final class LifecyclePass implements ContactPass.Step {

    private static final Logger log = LoggerFactory.getLogger(LifecyclePass.class);

    private final LifecycleRefresher refresher;
    private final RuleEvaluator evaluator;
    private final Instant now;
    private final List<StageRule> latestFirst = new ArrayList<>();
    private final List<ContactPass.PassRule> rules = new ArrayList<>();
    private final Map<String, Integer> positions;
    private final Set<Long> held;
    private final List<Object[]> moves = new ArrayList<>();
    private final Map<LifecycleStage, Integer> moved = new EnumMap<>(LifecycleStage.class);
    private final long started = System.nanoTime();

    LifecyclePass(LifecycleRefresher refresher, List<LifecycleDefinitions.Row> all, FieldCatalog catalog,
                  Instant now) {
        this.refresher = refresher;
        this.evaluator = new RuleEvaluator(catalog);
        this.now = now;
        this.positions = LifecycleDefinitions.positions(all);
        this.held = refresher.held();
        RuleValidator validator = new RuleValidator(catalog);
        for (StageRule rule : LifecycleDefinitions.automatic(all)) {
            try {
                validator.requireValid(rule.rule());
            } catch (RuleValidationException e) {
                log.warn("Lifecycle stage {} has a rule that cannot be compiled: {}", rule.stage(), e);
                continue;
            }
            latestFirst.add(rule);
            // asked only for contacts before the stage (a code without a definition is before every stage)
            List<String> notEarlier = positions.entrySet().stream().filter(p -> p.getValue() >= rule.position())
                    .map(Map.Entry::getKey).sorted().toList();
            rules.add(new ContactPass.PassRule(rule.rule(), new SqlPredicate("c.lifecycle_stage IS NULL OR "
                    + "c.lifecycle_stage NOT IN (" + notEarlier.stream().map(code -> "?")
                    .collect(Collectors.joining(", ")) + ")", new ArrayList<>(notEarlier))));
        }
    }

    @Override
    public List<ContactPass.PassRule> rules() {
        return rules;
    }

    @Override
    public ContactFacts decide(ContactFacts contact, RuleEvaluator.Decided decided) {
        if (held.contains(contact.id())) {
            return contact;
        }
        int at = LifecycleDefinitions.position(positions, contact.lifecycleStage());
        for (StageRule rule : latestFirst) {
            if (at >= rule.position()) {
                return contact;
            }
            if (evaluator.matchesDecided(rule.rule(), contact, now, decided)) {
                String to = rule.stage().name();
                moves.add(new Object[]{contact.id(), contact.lifecycleStage(), to});
                moved.merge(rule.stage(), 1, Integer::sum);
                return contact.withLifecycleStage(to);
            }
        }
        return contact;
    }

    /** Writes the moves: history, timeline entries, the contacts' stages, released holds. */
    public LifecycleRefreshJob.Progress write() {
        refresher.write(moves, now);
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("Lifecycle (full refresh pass) moved {} contacts: {}", moves.size(), moved);
        return new LifecycleRefreshJob.Progress(false, moves.size(), millis, Instant.now(), null);
    }
}
