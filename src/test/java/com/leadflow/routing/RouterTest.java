package com.leadflow.routing;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.ContactReevaluationQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RouterTest extends AbstractIntegrationTest {

    /** Monday 23 November 2026, 10:00 UTC (the routing time zone in these tests). */
    static final Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");

    @Autowired
    Router router;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ContactReevaluationQueue reevaluation;

    RoutingTestSupport data;

    @BeforeEach
    void setUp() {
        data = new RoutingTestSupport(jdbc);
        data.cleanUp();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        // the routed contacts' background re-evaluation finishes first: the clean-up deletes them
        reevaluation.awaitIdle(Duration.ofSeconds(60));
        data.cleanUp();
        clearAuthentication();
    }

    private Map<Long, Long> countByOwner(List<Long> ids) {
        Map<Long, Long> counts = new HashMap<>();
        ids.forEach(id -> counts.merge(data.owner(id), 1L, Long::sum));
        return counts;
    }

    @Test
    void rulesRouteByLocationAndTimeOfDay() {
        long north = data.teamId("North");
        long south = data.teamId("South");
        long enterprise = data.teamId("Enterprise");
        data.rule("Moscow", """
                {"schemaVersion":1,"root":{"type":"group","combinator":"ALL","children":[
                  {"type":"field","field":"city","operator":"EQUALS","values":["Moscow"]}]}}""",
                enterprise, null, null, null, null);
        data.rule("Night shift", null, south, null, null, "18:00", "09:00");
        data.defaultTarget(north);

        testClock.set(MONDAY_10);
        long moscowDay = data.contacts(1, "RU", "Moscow").getFirst();
        long berlinDay = data.contacts(1, "DE", "Berlin").getFirst();
        router.route(List.of(moscowDay, berlinDay), RoutingCause.CREATED, null);

        testClock.set(MONDAY_10.plusSeconds(12 * 3600)); // 22:00
        long moscowNight = data.contacts(1, "RU", "moscow").getFirst();
        long berlinNight = data.contacts(1, "DE", "Berlin").getFirst();
        router.route(List.of(moscowNight, berlinNight), RoutingCause.CREATED, null);

        assertThat(teamOf(moscowDay)).isEqualTo(enterprise);
        assertThat(teamOf(berlinDay)).as(() -> explanation(berlinDay)).isEqualTo(north);
        assertThat(teamOf(moscowNight)).as("the first matching rule wins").isEqualTo(enterprise);
        assertThat(teamOf(berlinNight)).isEqualTo(south);
        assertThat(explanation(moscowDay)).contains("Rule “Moscow” matched");
        assertThat(explanation(berlinDay)).contains("default rule");
    }

    private Long teamOf(long contactId) {
        return jdbc.queryForObject("SELECT team_id FROM contact WHERE id = ?", Long.class, contactId);
    }

    private String explanation(long contactId) {
        return jdbc.queryForObject("SELECT summary FROM activity WHERE contact_id = ? AND type = 'LEAD_ROUTED' "
                + "ORDER BY id DESC LIMIT 1", String.class, contactId);
    }

    @Test
    void weightedRoundRobinFollowsTheWeightsWithinTwoPercent() {
        long team = data.team("Weighted");
        long light = data.rep("Light", team, 1);
        long middle = data.rep("Middle", team, 2);
        long heavy = data.rep("Heavy", team, 3);
        data.defaultTarget(team);

        List<Long> ids = data.contacts(1000, "DE", "Berlin");
        router.route(ids, RoutingCause.CREATED, null);

        Map<Long, Long> counts = countByOwner(ids);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        assertThat(counts.get(light) / 1000.0).isCloseTo(1 / 6.0, within(0.02));
        assertThat(counts.get(middle) / 1000.0).isCloseTo(2 / 6.0, within(0.02));
        assertThat(counts.get(heavy) / 1000.0).isCloseTo(3 / 6.0, within(0.02));
        assertThat(explanation(ids.getFirst())).contains("picked by weighted round-robin in team Weighted");
    }

    @Test
    void anAwayRepGetsNoneAndCapacityIsRespected() {
        long team = data.team("Limits");
        long away = data.rep("Away", team, 1);
        long small = data.rep("Small", team, 1);
        long big = data.rep("Big", team, 1);
        jdbc.update("UPDATE routing_rep SET away = TRUE WHERE user_id = ?", away);
        jdbc.update("UPDATE routing_rep SET capacity = 5 WHERE user_id = ?", small);
        jdbc.update("UPDATE routing_rep SET capacity = 20 WHERE user_id = ?", big);
        data.defaultTarget(team);

        List<Long> ids = data.contacts(30, "DE", "Berlin");
        router.route(ids, RoutingCause.CREATED, null);

        Map<Long, Long> counts = countByOwner(ids);
        assertThat(counts).doesNotContainKey(away);
        assertThat(counts.get(small)).isEqualTo(5);
        assertThat(counts.get(big)).isEqualTo(20);
        assertThat(counts.get(null)).as("nobody left to take them: queued, not lost").isEqualTo(5);
        long queued = ids.getLast();
        assertThat(jdbc.queryForObject("SELECT outcome FROM routing_assignment WHERE contact_id = ? AND latest",
                String.class, queued)).isEqualTo("QUEUED");
        assertThat(explanation(queued)).contains("Away skipped: away", "Small skipped: at capacity",
                "Nobody in team Limits");
        assertThat(teamOf(queued)).as("the team sees its queued lead").isEqualTo(team);
    }

    @Test
    void aRepBackFromLeaveIsNotFlooded() {
        long team = data.team("Leave");
        long stays = data.rep("Stays", team, 1);
        long leaves = data.rep("Leaves", team, 1);
        data.defaultTarget(team);
        jdbc.update("UPDATE routing_rep SET away = TRUE WHERE user_id = ?", leaves);
        router.route(data.contacts(100, "DE", "Berlin"), RoutingCause.CREATED, null);

        jdbc.update("UPDATE routing_rep SET away = FALSE WHERE user_id = ?", leaves);
        List<Long> after = data.contacts(20, "DE", "Berlin");
        router.route(after, RoutingCause.CREATED, null);

        Map<Long, Long> counts = countByOwner(after);
        assertThat(counts.get(leaves)).isBetween(9L, 11L);
        assertThat(counts.get(stays)).isBetween(9L, 11L);
    }

    @Test
    void aNewRepIsNeitherStarvedNorFloodedAndTiesDoNotFavourOlderAccounts() {
        long team = data.team("Growing");
        long first = data.rep("First", team, 1);
        data.defaultTarget(team);
        router.route(data.contacts(50, "DE", "Berlin"), RoutingCause.CREATED, null);

        long newcomer = data.rep("Newcomer", team, 1);
        List<Long> after = data.contacts(10, "DE", "Berlin");
        router.route(after, RoutingCause.CREATED, null);

        Map<Long, Long> counts = countByOwner(after);
        assertThat(counts.get(newcomer)).isEqualTo(5);
        assertThat(counts.get(first)).isEqualTo(5);
        assertThat(data.owner(after.getFirst())).as("a tie goes to whoever waited longest").isEqualTo(newcomer);
    }

    @Test
    void aRuleForOneRepFallsBackToTheirTeamWhenTheyAreAway() {
        long sam = data.userId("sam");
        long olga = data.userId("olga");
        data.rule("Sam's accounts", null, null, sam, null, null, null);
        jdbc.update("INSERT INTO routing_rep (user_id, away) VALUES (?, TRUE)", sam);

        long id = data.contacts(1, "DE", "Berlin").getFirst();
        router.route(List.of(id), RoutingCause.CREATED, null);

        assertThat(data.owner(id)).isEqualTo(olga);
        assertThat(explanation(id)).contains("Sam Carter cannot take leads now (away)", "Olga Ivanova picked");
    }

    @Test
    void creatingAContactRoutesItAfterCommitAndLeavesOwnedContactsAlone() {
        data.enable(true);
        long north = data.teamId("North");
        data.defaultTarget(north);

        ContactForm form = ContactFixtures.contact("Routed", data.marker, data.marker);
        ContactForm saved = as("maria", () -> contacts.create(form));
        ContactForm own = as("sam", () -> contacts.create(ContactFixtures.contact("Own", data.marker, data.marker)));

        Long owner = data.owner(saved.getId());
        assertThat(owner).isIn(data.userId("sam"), data.userId("olga"));
        assertThat(data.owner(own.getId())).as("created with an owner: left alone").isEqualTo(data.userId("sam"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM routing_assignment WHERE contact_id = ?", Integer.class,
                own.getId())).isZero();
        Map<String, Object> entry = jdbc.queryForMap("SELECT author_kind, summary FROM activity WHERE contact_id = ? "
                + "AND type = ?", saved.getId(), ActivityType.LEAD_ROUTED.name());
        assertThat(entry.get("author_kind")).isEqualTo("SYSTEM");
        assertThat((String) entry.get("summary")).contains("default rule", "team North", "working minutes");
        assertThat(jdbc.queryForObject("SELECT sla_due_at IS NOT NULL FROM contact WHERE id = ?", Boolean.class,
                saved.getId())).isTrue();
    }

    @Test
    void withRoutingOffNewContactsAreNotTouched() {
        data.defaultTarget(data.teamId("North"));
        ContactForm saved = as("maria", () -> contacts.create(ContactFixtures.contact("Quiet", data.marker, data.marker)));
        assertThat(data.owner(saved.getId())).isNull();
    }

    @Test
    void aLostContactReopenedIsRoutedAgain() {
        data.enable(true);
        long north = data.teamId("North");
        data.defaultTarget(north);
        long peter = data.userId("peter");
        ContactForm form = ContactFixtures.contact("Back", data.marker, data.marker);
        form.setOwnerId(peter);
        form.setStatus(com.leadflow.contact.ContactStatus.LOST);
        form.setLostReason(com.leadflow.contact.LostReason.values()[0]);
        ContactForm lost = as("maria", () -> contacts.create(form));
        assertThat(data.owner(lost.getId())).isEqualTo(peter);

        ContactForm reopen = as("maria", () -> contacts.load(lost.getId()));
        reopen.setStatus(com.leadflow.contact.ContactStatus.OPEN);
        as("maria", () -> contacts.update(reopen));

        assertThat(data.owner(lost.getId())).isIn(data.userId("sam"), data.userId("olga"));
        assertThat(jdbc.queryForObject("SELECT cause FROM routing_assignment WHERE contact_id = ? AND latest",
                String.class, lost.getId())).isEqualTo("REENTRY");
    }
}
