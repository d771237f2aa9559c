package com.leadflow.routing;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactImportMode;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactService;
import com.leadflow.rules.Operator;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;
import com.leadflow.segment.SegmentForm;
import com.leadflow.segment.SegmentService;
import com.leadflow.timeline.ContactReevaluationQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing starts by itself for every way a lead is created, and a lead is routed once. */
class RoutingTriggerTest extends AbstractIntegrationTest {

    @Autowired
    ContactService contacts;
    @Autowired
    RoutingTrigger trigger;
    @Autowired
    ContactReevaluationQueue reevaluation;
    @Autowired
    Router router;
    @Autowired
    SegmentService segments;
    @Autowired
    JdbcTemplate jdbc;

    RoutingTestSupport data;

    @BeforeEach
    void setUp() {
        data = new RoutingTestSupport(jdbc);
        data.cleanUp();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        trigger.awaitIdle(Duration.ofSeconds(60));
        reevaluation.awaitIdle(Duration.ofSeconds(60));
        data.cleanUp();
        clearAuthentication();
    }

    @Test
    void anImportIsRoutedAfterItsCommitInTheBackgroundAndEveryLeadOnce() throws InterruptedException {
        long team = data.team("Import");
        long ann = data.rep("Ann", team, 1);
        long bob = data.rep("Bob", team, 1);
        data.defaultTarget(team);
        data.enable(true);
        List<ContactForm> rows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ContactForm row = ContactFixtures.contact("Lead" + i, "Imported", data.marker);
            row.setEmail("lead" + i + "." + data.marker.toLowerCase(Locale.ROOT) + "@example.com");
            rows.add(row);
        }

        var result = as("maria", () -> contacts.importBatch(rows, ContactImportMode.CREATE_ONLY, "Routing test"));
        assertThat(result.created()).isEqualTo(150);
        // routed from the import's CONTACT_CREATED entries; the background re-evaluation announces the same leads
        // again as CREATED afterwards, which must not route them a second time
        assertThat(trigger.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE company = ? AND owner_id IS NOT NULL",
                Integer.class, data.marker)).as("routed by the worker, not later by the re-evaluation").isEqualTo(150);
        assertThat(reevaluation.awaitIdle(Duration.ofSeconds(120))).isTrue();
        assertThat(trigger.awaitIdle(Duration.ofSeconds(60))).isTrue();

        Map<String, Object> owners = jdbc.queryForMap("""
                SELECT COUNT(*) AS leads, SUM(owner_id = ?) AS ann, SUM(owner_id = ?) AS bob,
                       SUM(sla_due_at IS NOT NULL) AS due
                FROM contact WHERE company = ?""", ann, bob, data.marker);
        assertThat(((Number) owners.get("leads")).intValue()).isEqualTo(150);
        assertThat(((Number) owners.get("ann")).intValue()).isEqualTo(75);
        assertThat(((Number) owners.get("bob")).intValue()).isEqualTo(75);
        assertThat(((Number) owners.get("due")).intValue()).isEqualTo(150);
        assertThat(perLead("routing_assignment")).isEqualTo(List.of(1L));
        assertThat(perLead("sla_clock")).isEqualTo(List.of(1L));
        assertThat(jdbc.queryForList("""
                SELECT COUNT(*) FROM activity a JOIN contact c ON c.id = a.contact_id
                WHERE c.company = ? AND a.type = 'LEAD_ROUTED' GROUP BY a.contact_id""", Long.class, data.marker)
                .stream().distinct().toList()).isEqualTo(List.of(1L));
    }

    @Test
    void aNewLeadAnnouncedTwiceIsRoutedOnce() {
        long team = data.team("Twice");
        data.rep("Ann", team, 1);
        data.defaultTarget(team);
        List<Long> ids = data.contacts(3, "DE", "Berlin");

        assertThat(router.route(ids, RoutingCause.CREATED, null)).hasSize(3);
        assertThat(router.route(ids, RoutingCause.CREATED, null)).isEmpty();
        assertThat(perLead("routing_assignment")).isEqualTo(List.of(1L));
        // routing again on purpose is not a creation: it decides anew
        assertThat(router.route(ids.subList(0, 1), RoutingCause.ROUTE_AGAIN, null)).hasSize(1);
    }

    @Test
    void segmentsOnOwnerFollowABigRoutingBatchInTheBackground() throws InterruptedException {
        long team = data.team("Segments");
        long ann = data.rep("Ann", team, 1);
        data.rep("Bob", team, 1);
        data.defaultTarget(team);
        SegmentForm form = new SegmentForm();
        form.setName("Ann's leads " + data.marker);
        form.setRule(Rule.of(RuleNode.all(new RuleNode.FieldCondition("owner", Operator.EQUALS, String.valueOf(ann)))));
        long segment = as("maria", () -> segments.save(form)).id();
        try {
            List<Long> ids = data.contacts(Router.LIVE_CHANGE_LIMIT + 50, "DE", "Berlin");
            router.route(ids, RoutingCause.CREATED, null);
            assertThat(reevaluation.awaitIdle(Duration.ofSeconds(120))).isTrue();

            assertThat(jdbc.queryForObject("""
                    SELECT COUNT(*) FROM segment_member m JOIN contact c ON c.id = m.contact_id
                    WHERE m.segment_id = ? AND c.company = ?""", Integer.class, segment, data.marker))
                    .isEqualTo((Router.LIVE_CHANGE_LIMIT + 50) / 2);
        } finally {
            jdbc.update("DELETE FROM segment WHERE id = ?", segment);
        }
    }

    /** How many rows of the table each of this test's leads has (distinct counts). */
    private List<Long> perLead(String table) {
        return jdbc.queryForList("SELECT COUNT(*) FROM " + table + " t JOIN contact c ON c.id = t.contact_id "
                + "WHERE c.company = ? GROUP BY t.contact_id", Long.class, data.marker).stream().distinct().toList();
    }
}
