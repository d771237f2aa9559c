package com.leadflow.scoring;

import com.leadflow.rules.Comparison;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import com.leadflow.rules.TimeUnit;
import com.leadflow.timeline.ActivityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * On first start (no model at all), publishes the default scoring model — fit from job title, country, product
 * interest and consent; engagement from downloads, page views, email clicks, survey answers and silence — and scores
 * every contact with it.
 */
@Component
@Order(20) // after the demo data (0) and the default segments (10)
class DefaultScoringModel implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DefaultScoringModel.class);

    static final List<String> TARGET_COUNTRIES = List.of("US", "GB", "DE", "CA", "RU");

    static final ScoringModel MODEL = new ScoringModel(null, 0, true, 40, 70, 60, 30, null, null, null, null, List.of(
            rule(ScoreGroup.FIT, "Decision maker (Director, Head, CEO)", 15, RuleNode.any(
                    contains("Director"), contains("Head"), contains("CEO"),
                    contains("директор"), contains("руководитель"))),
            rule(ScoreGroup.FIT, "Target country", 5,
                    RuleNode.all(new RuleNode.FieldCondition("country", Operator.IN, TARGET_COUNTRIES))),
            rule(ScoreGroup.FIT, "Product interest given", 10,
                    RuleNode.all(new RuleNode.FieldCondition("productInterest", Operator.IS_NOT_EMPTY))),
            rule(ScoreGroup.FIT, "Do not contact", -50,
                    RuleNode.all(new RuleNode.FieldCondition("doNotContact", Operator.IS_TRUE))),
            rule(ScoreGroup.ENGAGEMENT, "Downloaded content in the last 90 days", 15,
                    RuleNode.all(behaviour(ActivityType.CONTENT_DOWNLOAD, 90, 1))),
            rule(ScoreGroup.ENGAGEMENT, "3 or more page views in the last 30 days", 10,
                    RuleNode.all(behaviour(ActivityType.PAGE_VIEW, 30, 3))),
            rule(ScoreGroup.ENGAGEMENT, "Clicked an email in the last 30 days", 10,
                    RuleNode.all(behaviour(ActivityType.EMAIL_CLICK, 30, 1))),
            rule(ScoreGroup.ENGAGEMENT, "Answered a survey in the last 90 days", 10,
                    RuleNode.all(behaviour(ActivityType.SURVEY_ANSWER, 90, 1))),
            rule(ScoreGroup.ENGAGEMENT, "No activity for 6 months", -20,
                    RuleNode.all(new RuleNode.InactivityCondition(Set.of(), 6, TimeUnit.MONTHS)))));

    private static ScoringRule rule(ScoreGroup group, String name, int points, RuleNode root) {
        return new ScoringRule(null, group, name, points, Rule.of(root));
    }

    private static RuleNode contains(String text) {
        return new RuleNode.FieldCondition("jobTitle", Operator.CONTAINS, text);
    }

    private static RuleNode behaviour(ActivityType type, int days, int atLeast) {
        return new RuleNode.BehaviourCondition(type, days, null, null, Comparison.AT_LEAST, atLeast);
    }

    private final ScoringModels models;
    private final ScoringRefresher refresher;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    DefaultScoringModel(ScoringModels models, ScoringRefresher refresher,
                        org.springframework.transaction.support.TransactionTemplate transactions) {
        this.models = models;
        this.refresher = refresher;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (models.find(ScoringModels.PUBLISHED).isPresent() || models.find(ScoringModels.DRAFT).isPresent()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            models.save(MODEL, ScoringModels.PUBLISHED, Instant.now());
        });
        ScoringModel published = models.find(ScoringModels.PUBLISHED).orElseThrow();
        ScoringRefresher.Result result = refresher.refreshAll(published, "MODEL_PUBLISHED", Instant.now(), false);
        log.info("Default scoring model published: {} contacts scored anew, {} ms", result.changedContacts(),
                result.millis());
    }
}
