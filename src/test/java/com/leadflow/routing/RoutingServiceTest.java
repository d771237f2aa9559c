package com.leadflow.routing;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingServiceTest extends AbstractIntegrationTest {

    @Autowired
    RoutingService routing;
    @Autowired
    Router router;
    @Autowired
    JdbcTemplate jdbc;

    RoutingTestSupport data;

    @BeforeEach
    void setUp() {
        data = new RoutingTestSupport(jdbc);
        data.cleanUp();
    }

    @AfterEach
    void tearDown() {
        data.cleanUp();
        clearAuthentication();
    }

    private RoutingRule moscowRule(Long teamId) {
        return new RoutingRule(null, "Moscow", true, false,
                Rule.of(RuleNode.all(new RuleNode.FieldCondition("city", Operator.EQUALS, "Moscow"))),
                Set.of(java.time.DayOfWeek.MONDAY), java.time.LocalTime.of(8, 0), java.time.LocalTime.of(20, 0),
                "pricing", teamId, null, 20, true, 0);
    }

    @Test
    void salesCannotEditRoutingRulesOrSettings() {
        authenticate("sam");
        assertThatThrownBy(() -> routing.saveRule(moscowRule(data.teamId("North"))))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> routing.saveSettings(routing.settings().withEnabled(true)))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> routing.deleteRule(1)).isInstanceOf(AuthorizationDeniedException.class);
        assertThat(routing.canEditRules()).isFalse();
        assertThat(routing.rules()).as("but reads them").isNotEmpty();
    }

    @Test
    void marketingSavesAValidRuleAndGetsClearErrorsForABadOne() {
        authenticate("maria");
        RoutingRule saved = routing.saveRule(moscowRule(data.teamId("North")));
        assertThat(saved.id()).isNotNull();
        assertThat(saved.landingPageContains()).isEqualTo("pricing");
        assertThat(saved.arrivalDays()).containsExactly(java.time.DayOfWeek.MONDAY);
        assertThat(routing.rules().getLast().isDefault()).as("the default stays last").isTrue();

        RoutingRule unnamed = new RoutingRule(null, " ", true, false, null, null, null, null, null, null, null, null,
                false, 0);
        assertThatThrownBy(() -> routing.saveRule(unnamed)).isInstanceOf(ValidationFailedException.class)
                .hasMessage("routing.invalid.name");
        RoutingRule twoTargets = new RoutingRule(null, "Both", true, false, null, null, null, null, null,
                data.teamId("North"), data.userId("sam"), null, false, 0);
        assertThatThrownBy(() -> routing.saveRule(twoTargets)).hasMessage("routing.invalid.twoTargets");
        RoutingRule halfWindow = new RoutingRule(null, "Half", true, false, null, null, java.time.LocalTime.NOON, null,
                null, null, null, null, false, 0);
        assertThatThrownBy(() -> routing.saveRule(halfWindow)).hasMessage("routing.invalid.arrivalWindow");
        RoutingRule stale = new RoutingRule(saved.id(), "Renamed", true, false, null, null, null, null, null, null,
                null, null, false, saved.version() + 5);
        assertThatThrownBy(() -> routing.saveRule(stale)).hasMessage("routing.conflict");
        long defaultId = routing.rules().getLast().id();
        assertThatThrownBy(() -> routing.deleteRule(defaultId)).hasMessage("routing.invalid.deleteDefault");
    }

    @Test
    void reassignmentNeedsAReasonAndIsExplained() {
        data.defaultTarget(data.teamId("South"));
        long id = data.contacts(1, "DE", "Berlin").getFirst();
        router.route(List.of(id), RoutingCause.CREATED, null);
        long olga = data.userId("olga");

        authenticate("sam");
        assertThatThrownBy(() -> routing.reassign(id, olga, "mine now")).as("not sam's contact nor team's")
                .isInstanceOf(AccessDeniedException.class);
        authenticate("admin");
        assertThatThrownBy(() -> routing.reassign(id, olga, " ")).hasMessage("routing.invalid.reason");
        routing.reassign(id, olga, "Speaks German");

        assertThat(data.owner(id)).isEqualTo(olga);
        Assignment latest = routing.latestAssignment(id).orElseThrow();
        assertThat(latest.cause()).isEqualTo(RoutingCause.MANUAL);
        assertThat(latest.reason()).isEqualTo("Speaks German");
        assertThat(latest.ownerName()).isEqualTo("Olga Ivanova");
        assertThat(routing.history(id, 10)).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT author_kind FROM activity WHERE contact_id = ? AND type = 'LEAD_ROUTED' "
                + "ORDER BY id DESC LIMIT 1", String.class, id)).isEqualTo("USER");
    }

    @Test
    void routeAgainAppliesTheRulesNow() {
        long id = data.contacts(1, "DE", "Berlin").getFirst();
        router.route(List.of(id), RoutingCause.CREATED, null);
        authenticate("maria");
        assertThat(routing.queueSize()).as("no target: queued").isGreaterThanOrEqualTo(1);
        assertThat(routing.queue(0, 500)).extracting(QueuedLead::contactId).contains(id);

        data.defaultTarget(data.teamId("Enterprise"));
        Router.Decision decision = routing.routeAgain(id);
        assertThat(decision.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(data.owner(id)).isIn(data.userId("lisa"), data.userId("ivan"));
        assertThat(routing.queue(0, 500)).extracting(QueuedLead::contactId).doesNotContain(id);
    }

    @Test
    void fairnessCountsWhatEachRepGotAgainstTheirWeight() {
        long team = data.team("Fair");
        long a = data.rep("Anna", team, 1);
        long b = data.rep("Boris", team, 3);
        data.defaultTarget(team);
        router.route(data.contacts(40, "DE", "Berlin"), RoutingCause.CREATED, null);

        authenticate("erik");
        Instant now = Instant.now();
        List<FairnessRow> rows = routing.fairness(now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.HOURS));
        FairnessRow anna = rows.stream().filter(r -> r.userId() == a).findFirst().orElseThrow();
        FairnessRow boris = rows.stream().filter(r -> r.userId() == b).findFirst().orElseThrow();
        assertThat(anna.routed()).isEqualTo(10);
        assertThat(boris.routed()).isEqualTo(30);
        assertThat(boris.share()).isEqualTo(0.75);
        assertThat(boris.weightShare()).isEqualTo(0.75);
        assertThat(anna.openNow()).isEqualTo(10);
        assertThat(anna.clocks()).isEqualTo(10);
        assertThatThrownBy(() -> routing.fairness(now, now)).hasMessage("routing.invalid.period");
    }

    @Test
    void onlyAnAdminEditsRepsAndARepSwitchesTheirOwnAway() {
        long sam = data.userId("sam");
        authenticate("maria");
        RepSettings current = routing.reps().stream().filter(r -> r.userId() == sam).findFirst().orElseThrow();
        RepSettings heavier = new RepSettings(sam, current.displayName(), current.teamId(), current.teamName(), 5, 30,
                false, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0), null, null, current.version());
        assertThatThrownBy(() -> routing.saveRep(heavier)).isInstanceOf(AuthorizationDeniedException.class);
        authenticate("admin");
        RepSettings saved = routing.saveRep(heavier);
        assertThat(saved.weight()).isEqualTo(5);
        assertThat(saved.capacity()).isEqualTo(30);
        RepSettings badHours = new RepSettings(sam, null, null, null, 1, null, false, java.time.LocalTime.of(17, 0),
                java.time.LocalTime.of(9, 0), null, null, saved.version());
        assertThatThrownBy(() -> routing.saveRep(badHours)).hasMessage("routing.invalid.workHours");

        authenticate("sam");
        routing.setMyAway(true);
        assertThat(routing.myRepSettings().orElseThrow().away()).isTrue();
    }
}
