package com.leadflow.rules;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.timeline.ActivityType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.annotation.Transactional;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import static com.leadflow.rules.RuleNode.all;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule builder's live preview: counts and first contacts straight from the database. */
@Transactional
class RuleQueryServiceTest extends AbstractIntegrationTest {

    @Autowired
    private RuleQueryService queries;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private FieldCatalogProvider catalogs;

    private final String marker = ContactFixtures.marker();
    private final Instant now = Instant.now();

    @BeforeEach
    void logIn() {
        authenticate("maria");
    }

    @AfterEach
    void logOut() {
        clearAuthentication();
    }

    @Test
    void countsAndListsTheMatchingContactsMostRecentlyActiveFirst() {
        long quiet = contact(null);
        long recent = contact(now.minus(1, ChronoUnit.HOURS));
        long older = contact(now.minus(10, ChronoUnit.DAYS));
        Rule ourCompany = Rule.of(new FieldCondition("company", Operator.EQUALS, marker.toLowerCase()));

        assertThat(queries.count(ourCompany)).isEqualTo(3);
        assertThat(queries.firstIds(ourCompany, 10)).containsExactly(recent, older, quiet);
        assertThat(queries.firstIds(ourCompany, 2)).containsExactly(recent, older);
    }

    @Test
    void countsBehaviourInATimeWindow() {
        long reader = contact(now);
        contact(now);
        activity(reader, ActivityType.PAGE_VIEW, now.minus(2, ChronoUnit.DAYS),
                "{\"url\": \"https://x.test/Pricing\"}");
        activity(reader, ActivityType.PAGE_VIEW, now.minus(5, ChronoUnit.DAYS),
                "{\"url\": \"https://x.test/pricing/pro\"}");
        activity(reader, ActivityType.PAGE_VIEW, now.minus(60, ChronoUnit.DAYS),
                "{\"url\": \"https://x.test/pricing\"}");

        Rule twoPricingViews = Rule.of(all(new FieldCondition("company", Operator.EQUALS, marker),
                new BehaviourCondition(ActivityType.PAGE_VIEW, 30, "url", "PRICING", Comparison.AT_LEAST, 2)));
        assertThat(queries.firstIds(twoPricingViews, 10)).containsExactly(reader);
        Rule threeInThirtyDays = Rule.of(all(new FieldCondition("company", Operator.EQUALS, marker),
                new BehaviourCondition(ActivityType.PAGE_VIEW, 30, "url", "pricing", Comparison.AT_LEAST, 3)));
        assertThat(queries.count(threeInThirtyDays)).isZero();
    }

    @Test
    void offersAndMatchesTheLostReasonsConfiguredInTheFunnelSettings() {
        jdbc.update("""
                INSERT INTO lost_reason (code, name_en, name_ru, position, note_required, active)
                VALUES ('WENT_DARK_T', 'Went dark', 'Пропал', 990, FALSE, TRUE)""");
        long wentDark = contact(now);
        long onBudget = contact(now);
        jdbc.update("UPDATE contact SET status = 'LOST', lost_reason = 'WENT_DARK_T' WHERE id = ?", wentDark);
        jdbc.update("UPDATE contact SET status = 'LOST', lost_reason = 'BUDGET' WHERE id = ?", onBudget);

        FieldCatalog russian = catalogs.forEditing(Locale.forLanguageTag("ru"));
        assertThat(russian.field("lostReason").enumValues()).contains("BUDGET", "WENT_DARK_T");
        assertThat(russian.idLabels("lostReason")).containsEntry("WENT_DARK_T", "Пропал").containsEntry("BUDGET", "Бюджет");
        assertThat(catalogs.forEditing(Locale.ENGLISH).idLabels("lostReason")).containsEntry("WENT_DARK_T", "Went dark");

        Rule rule = Rule.of(all(new FieldCondition("company", Operator.EQUALS, marker),
                new FieldCondition("lostReason", Operator.EQUALS, "WENT_DARK_T")));
        assertThat(queries.firstIds(rule, 10)).containsExactly(wentDark);
        assertThatThrownBy(() -> queries.count(Rule.of(new FieldCondition("lostReason", Operator.EQUALS, "NO_SUCH_T"))))
                .isInstanceOf(RuleValidationException.class);
    }

    @Test
    void refusesARuleWithProblems() {
        Rule broken = Rule.of(new FieldCondition("score", Operator.GREATER_THAN, "lots"));
        assertThatThrownBy(() -> queries.count(broken)).isInstanceOf(RuleValidationException.class);
        assertThatThrownBy(() -> queries.firstIds(broken, 10)).isInstanceOf(RuleValidationException.class);
    }

    @Test
    void needsALoggedInUser() {
        clearAuthentication();
        Rule any = Rule.of(new FieldCondition("score", Operator.GREATER_THAN, "0"));
        assertThatThrownBy(() -> queries.count(any)).isInstanceOf(AuthenticationException.class);
    }

    private long contact(Instant lastActivity) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("INSERT INTO contact (first_name, last_name,"
                    + " company, created_at, updated_at, last_activity_at) VALUES ('Test', 'Contact', ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            statement.setString(1, marker);
            statement.setObject(2, RuleSqlCompiler.utc(now));
            statement.setObject(3, RuleSqlCompiler.utc(now));
            statement.setObject(4, lastActivity == null ? null : RuleSqlCompiler.utc(lastActivity));
            return statement;
        }, key);
        return key.getKey().longValue();
    }

    private void activity(long contactId, ActivityType type, Instant at, String payload) {
        LocalDateTime time = RuleSqlCompiler.utc(at);
        jdbc.update("INSERT INTO activity (contact_id, type, occurred_at, author_kind, payload, created_at)"
                + " VALUES (?, ?, ?, 'SYSTEM', ?, ?)", contactId, type.name(), time, payload, time);
    }
}
