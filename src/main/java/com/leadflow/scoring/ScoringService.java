package com.leadflow.scoring;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.Temperature;
import com.leadflow.rules.ContactFacts;
import com.leadflow.rules.ContactFactsLoader;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleEvaluator;
import com.leadflow.rules.RuleValidator;
import com.leadflow.security.CurrentUserProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lead scoring: everybody reads the model and any contact's explanation; MARKETING and ADMIN edit the draft,
 * preview it and publish it. Publishing re-scores every contact set-based in the same call.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class ScoringService {

    public static final String CAN_EDIT = "hasAnyRole('ADMIN','MARKETING')";
    static final int MAX_RULES = 50;
    private static final int RECENT_CHANGES = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScoringModels models;
    private final ScoringRefresher refresher;
    private final FieldCatalogProvider catalogs;
    private final CurrentUserProvider currentUser;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ContactFactsLoader factsLoader;

    ScoringService(ScoringModels models, ScoringRefresher refresher, FieldCatalogProvider catalogs,
                   CurrentUserProvider currentUser, JdbcTemplate jdbc, TransactionTemplate transactions,
                   ContactFactsLoader factsLoader) {
        this.factsLoader = factsLoader;
        this.models = models;
        this.refresher = refresher;
        this.catalogs = catalogs;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The model that scores contacts now. */
    @Transactional(readOnly = true)
    public Optional<ScoringModel> published() {
        return models.find(ScoringModels.PUBLISHED);
    }

    /** The unpublished draft, if somebody saved one. */
    @Transactional(readOnly = true)
    public Optional<ScoringModel> draft() {
        return models.find(ScoringModels.DRAFT);
    }

    /** What the scoring view edits: the draft if there is one, else the published model. */
    @Transactional(readOnly = true)
    public Optional<ScoringModel> current() {
        return draft().or(this::published);
    }

    public boolean canEdit() {
        return switch (currentUser.require().role()) {
            case ADMIN, MARKETING -> true;
            case SALES, EXECUTIVE -> false;
        };
    }

    /** Validates and saves the model as the draft (the published model is untouched); returns the saved draft. */
    @PreAuthorize(CAN_EDIT)
    @Transactional
    public ScoringModel saveDraft(ScoringModel model) {
        validate(model);
        models.save(model.draft() ? model : asNewDraft(model), ScoringModels.DRAFT, Instant.now());
        return models.find(ScoringModels.DRAFT).orElseThrow();
    }

    /** The published model's values under a new draft: saving it must not trip over the published version. */
    private static ScoringModel asNewDraft(ScoringModel model) {
        return new ScoringModel(null, 0, true, model.warmThreshold(), model.hotThreshold(), model.mqlThreshold(),
                model.halfLifeDays(), model.fitCap(), model.engagementCap(), null, null, model.rules());
    }

    /** Saves the model as the draft, publishes it and re-scores every contact; returns what the refresh did. */
    @PreAuthorize(CAN_EDIT)
    public PublishResult publish(ScoringModel model) {
        long userId = currentUser.require().id();
        transactions.executeWithoutResult(status -> {
            validate(model);
            models.save(model.draft() ? model : asNewDraft(model), ScoringModels.DRAFT, Instant.now());
            models.publishDraft(userId, Instant.now());
        });
        ScoringModel published = models.find(ScoringModels.PUBLISHED).orElseThrow();
        ScoringRefresher.Result result = refresher.refreshAll(published, "MODEL_PUBLISHED", Instant.now());
        return new PublishResult(result.changedContacts(), result.timelineEntries(), result.millis());
    }

    /** How many contacts a publish re-scored, how many moves reached the timeline, and how long it took. */
    public record PublishResult(long changedContacts, long timelineEntries, long millis) {
    }

    @PreAuthorize(CAN_EDIT)
    @Transactional
    public void discardDraft() {
        models.discardDraft();
    }

    /** Re-scores every contact with the published model (a backstop for time-based rules and decay). */
    @PreAuthorize(CAN_EDIT)
    public PublishResult refreshAll() {
        ScoringModel model = published().orElseThrow(() -> new ValidationFailedException("scoring.noModel.error"));
        ScoringRefresher.Result result = refresher.refreshAll(model, "FULL_REFRESH", Instant.now());
        return new PublishResult(result.changedContacts(), result.timelineEntries(), result.millis());
    }

    /**
     * The published model's part in the full refresh's single read of the contacts (scores, lifecycle and segments
     * decided together, see {@link ScoringPass}), or in a batch re-evaluation's; empty if no model is published.
     */
    @PreAuthorize(CAN_EDIT)
    public Optional<ScoringPass> fullRefreshPass(Instant now) {
        return published().map(model -> new ScoringPass(model, refresher, catalogs.current(), now));
    }

    /** The score distribution and the backtest the model would give if published now; writes nothing. */
    public ScorePreview preview(ScoringModel model) {
        validate(model);
        return refresher.preview(model, Instant.now());
    }

    /** Conversion (won of won + lost) by score band and by temperature over the contacts already decided. */
    public ScorePreview backtest(ScoringModel model) {
        return preview(model);
    }

    /**
     * Why the contact has its score: the published model's rules decided again for the contact's facts at the
     * instant its stored score was computed (its last live re-score, else the last full refresh), so the lines add
     * up to the stored score.
     */
    @Transactional(readOnly = true)
    public ScoreBreakdown explain(long contactId) {
        ScoringModel model = published().orElse(null);
        Map<String, Object> contact = jdbc.queryForList("SELECT score, temperature FROM contact WHERE id = ?",
                contactId).stream().findFirst().orElseThrow(() -> new ValidationFailedException("contact.notFound"));
        List<ScoreBreakdown.Line> lines = List.of();
        long fit = 0;
        long engagement = 0;
        if (model != null) {
            Instant scoredAt = scoredAt(contactId, model);
            ContactFacts facts = factsLoader.load(contactId, model.rules().stream().map(ScoringRule::rule).toList(),
                    scoredAt).orElseThrow(() -> new ValidationFailedException("contact.notFound"));
            ScoreComputation computed = ScoreComputation.of(model, facts, new RuleEvaluator(catalogs.current()),
                    scoredAt);
            lines = computed.lines();
            fit = computed.fitPoints();
            engagement = computed.engagementPoints();
        }
        int score = ((Number) contact.get("score")).intValue();
        Temperature temperature = Temperature.valueOf((String) contact.get("temperature"));
        int mqlThreshold = model == null ? Integer.MAX_VALUE : model.mqlThreshold();
        return new ScoreBreakdown(contactId, lines, fit, engagement, model == null ? null : model.fitCap(),
                model == null ? null : model.engagementCap(), score, temperature, score >= mqlThreshold,
                mqlThreshold, recentChanges(contactId));
    }

    private Instant scoredAt(long contactId, ScoringModel model) {
        List<Instant> live = jdbc.query("SELECT scored_at FROM contact_scored_at WHERE contact_id = ?",
                (rs, i) -> DbTime.read(rs, "scored_at"), contactId);
        if (!live.isEmpty()) {
            return live.getFirst();
        }
        return model.refreshedAt() != null ? model.refreshedAt() : Instant.now();
    }

    private List<ScoreBreakdown.ScoreChange> recentChanges(long contactId) {
        return jdbc.query("""
                SELECT occurred_at, payload FROM activity WHERE contact_id = ? AND type = 'SCORE_CHANGE'
                ORDER BY occurred_at DESC, id DESC LIMIT ?""", (rs, i) -> {
            JsonNode payload = JSON.readTree(rs.getString("payload"));
            return new ScoreBreakdown.ScoreChange(DbTime.read(rs, "occurred_at"), payload.path("from").asInt(),
                    payload.path("to").asInt(), temperature(payload.path("fromTemperature").asString(null)),
                    temperature(payload.path("toTemperature").asString(null)));
        }, contactId, RECENT_CHANGES);
    }

    private static Temperature temperature(String name) {
        for (Temperature t : Temperature.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private void validate(ScoringModel model) {
        if (model.halfLifeDays() < 1 || model.halfLifeDays() > 3650) {
            throw new ValidationFailedException("scoring.halfLifeInvalid");
        }
        if (model.warmThreshold() >= model.hotThreshold()) {
            throw new ValidationFailedException("scoring.thresholdsInvalid");
        }
        if (model.fitCap() != null && model.fitCap() < 0 || model.engagementCap() != null && model.engagementCap() < 0) {
            throw new ValidationFailedException("scoring.capInvalid");
        }
        if (model.rules().size() > MAX_RULES) {
            throw new ValidationFailedException("scoring.tooManyRules", MAX_RULES);
        }
        RuleValidator validator = new RuleValidator(catalogs.current());
        for (ScoringRule rule : model.rules()) {
            String name = rule.name() == null ? "" : rule.name().trim();
            if (name.isEmpty() || name.length() > 120) {
                throw new ValidationFailedException("scoring.ruleNameInvalid");
            }
            if (rule.group() == null) {
                throw new ValidationFailedException("scoring.ruleGroupMissing", name);
            }
            if (rule.points() == 0 || Math.abs(rule.points()) > 1000) {
                throw new ValidationFailedException("scoring.pointsInvalid", name);
            }
            if (rule.rule() == null || !validator.validate(rule.rule()).isEmpty()) {
                throw new ValidationFailedException("scoring.ruleInvalid", name);
            }
        }
    }
}
