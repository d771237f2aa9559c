package com.leadflow.demo;

import com.leadflow.AbstractIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Generates a small data set once into the shared test database and checks it is consistent and realistic. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataGeneratorTest extends AbstractIntegrationTest {

    private static final int CONTACTS = 2_000;
    private static final long ACTIVITIES = 20_000;
    private static final long SEED = 7;

    @Autowired
    DemoDataGenerator generator;
    @Autowired
    JdbcTemplate jdbc;

    private long contactsBefore;
    private long activitiesBefore;
    /** Ids above these are the generated rows (other tests' rows may exist too). */
    private long lastContactIdBefore;
    private long lastActivityIdBefore;
    private LocalDateTime startedAt;
    private DemoDataGenerator.Result result;

    @BeforeAll
    void generate() {
        contactsBefore = count("SELECT COUNT(*) FROM contact");
        activitiesBefore = count("SELECT COUNT(*) FROM activity");
        lastContactIdBefore = count("SELECT COALESCE(MAX(id), 0) FROM contact");
        lastActivityIdBefore = count("SELECT COALESCE(MAX(id), 0) FROM activity");
        startedAt = LocalDateTime.now();
        result = generator.generate(CONTACTS, ACTIVITIES, SEED);
    }

    @Test
    void addsExactlyTheRequestedNumberOfContactsAndActivities() {
        assertThat(result.contacts()).isEqualTo(CONTACTS);
        assertThat(result.activities()).isEqualTo(ACTIVITIES);
        assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(contactsBefore + CONTACTS);
        assertThat(count("SELECT COUNT(*) FROM activity")).isEqualTo(activitiesBefore + ACTIVITIES);
    }

    @Test
    void emailsAreUniqueEvenIgnoringCase() {
        // the bulk load runs with unique checks off, so uniqueness must hold by construction
        assertThat(count("SELECT COUNT(email) - COUNT(DISTINCT LOWER(email)) FROM contact")).isZero();
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND email IS NOT NULL", lastContactIdBefore))
                .isGreaterThan(CONTACTS * 9L / 10);
    }

    @Test
    void everyActivityBelongsToAnExistingContact() {
        assertThat(count("""
                SELECT COUNT(*) FROM activity a LEFT JOIN contact c ON c.id = a.contact_id
                WHERE a.id > ? AND c.id IS NULL""", lastActivityIdBefore)).isZero();
        assertThat(count("SELECT COUNT(*) FROM activity WHERE id > ? AND contact_id <= ?", lastActivityIdBefore,
                lastContactIdBefore)).isZero();
    }

    @Test
    void activitiesAreSpreadUnevenlyAroundTheRequestedAverage() {
        List<Long> perContact = jdbc.queryForList("""
                SELECT COUNT(a.id) FROM contact c LEFT JOIN activity a ON a.contact_id = c.id
                WHERE c.id > ? GROUP BY c.id ORDER BY COUNT(a.id)""", Long.class, lastContactIdBefore);
        assertThat(perContact).hasSize(CONTACTS);
        long median = perContact.get(CONTACTS / 2);
        long max = perContact.get(CONTACTS - 1);
        assertThat(median).isBetween(3L, 12L);
        assertThat(max).isGreaterThan(3 * ACTIVITIES / CONTACTS);
    }

    @Test
    void funnelLooksLikeTenLeadsPerSaleWithHalfDiscardedAtQualification() {
        double won = share("status = 'WON'");
        double discarded = share("status IN ('LOST', 'UNQUALIFIED')");
        assertThat(won).isBetween(0.06, 0.14);
        assertThat(discarded).isBetween(0.35, 0.65);
        assertThat(share("status = 'OPEN'")).isGreaterThan(0.15);
    }

    @Test
    void stagesStatusesAndScoresAgree() {
        long newContacts = lastContactIdBefore;
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND status = 'WON'"
                + " AND NOT (funnel_stage = 'WON' AND lifecycle_stage = 'CUSTOMER')", newContacts)).isZero();
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND (status = 'LOST') <> (funnel_stage = 'LOST')",
                newContacts)).isZero();
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND (status = 'LOST') <> (lost_reason IS NOT NULL)",
                newContacts)).isZero();
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND status = 'UNQUALIFIED'"
                + " AND lifecycle_stage NOT IN ('SUBSCRIBER', 'LEAD')", newContacts)).isZero();
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND lifecycle_stage = 'CUSTOMER'"
                + " AND funnel_stage NOT IN ('WON', 'PAYMENT_RECEIVED', 'DELIVERED')", newContacts)).isZero();
        assertThat(count("""
                SELECT COUNT(*) FROM contact WHERE id > ? AND (score NOT BETWEEN 0 AND 100
                   OR temperature <> CASE WHEN score < 40 THEN 'COLD' WHEN score < 70 THEN 'WARM' ELSE 'HOT' END)""",
                newContacts)).isZero();
        assertThat(count("SELECT COUNT(DISTINCT lost_reason) FROM contact WHERE id > ?", newContacts))
                .isGreaterThanOrEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND do_not_contact"
                + " AND (do_not_contact_reason IS NULL OR do_not_contact_at IS NULL)", newContacts)).isZero();
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND do_not_contact", newContacts)).isPositive();
    }

    @Test
    void ownersAreSalesRepsAndTheirTeamComesAlong() {
        assertThat(count("""
                SELECT COUNT(*) FROM contact c JOIN app_user u ON u.id = c.owner_id
                WHERE c.id > ? AND (u.role <> 'SALES' OR NOT (c.team_id <=> u.team_id))""", lastContactIdBefore))
                .isZero();
        assertThat(count("SELECT COUNT(DISTINCT owner_id) FROM contact WHERE id > ?", lastContactIdBefore))
                .isEqualTo(count("SELECT COUNT(*) FROM app_user WHERE role = 'SALES' AND enabled"));
        assertThat(share("owner_id IS NULL")).isBetween(0.05, 0.4);
    }

    @Test
    void lastActivityIsTheLatestTimelineEntry() {
        assertThat(count("""
                SELECT COUNT(*) FROM contact c
                WHERE c.id > ? AND NOT (c.last_activity_at <=> (SELECT MAX(a.occurred_at) FROM activity a
                                                                  WHERE a.contact_id = c.id))""",
                lastContactIdBefore)).isZero();
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND last_activity_at < created_at",
                lastContactIdBefore)).isZero();
    }

    @Test
    void timelinesCoverTheLastEighteenMonthsAndNeverTheFuture() {
        LocalDateTime earliest = jdbc.queryForObject("SELECT MIN(occurred_at) FROM activity WHERE id > ?",
                LocalDateTime.class, lastActivityIdBefore);
        LocalDateTime latest = jdbc.queryForObject("SELECT MAX(occurred_at) FROM activity WHERE id > ?",
                LocalDateTime.class, lastActivityIdBefore);
        assertThat(earliest).isAfter(startedAt.minusMonths(19)).isBefore(startedAt.minusMonths(16));
        assertThat(latest).isBeforeOrEqualTo(startedAt.plusSeconds(1)).isAfter(startedAt.minusDays(7));
    }

    @Test
    void payloadsAreValidJsonWithTheDetailsOfEachType() {
        assertThat(count("SELECT COUNT(*) FROM activity WHERE id > ? AND (payload IS NULL OR NOT JSON_VALID(payload))",
                lastActivityIdBefore)).isZero();
        assertThat(count("SELECT COUNT(*) FROM activity WHERE id > ? AND type = 'PAGE_VIEW'"
                + " AND JSON_VALUE(payload, '$.url') NOT LIKE 'https://%'", lastActivityIdBefore)).isZero();
        assertThat(count("SELECT COUNT(*) FROM activity WHERE id > ? AND type = 'CALL'"
                + " AND (JSON_VALUE(payload, '$.outcome') IS NULL OR JSON_VALUE(payload, '$.durationSeconds') IS NULL)",
                lastActivityIdBefore)).isZero();
        assertThat(jdbc.queryForList("SELECT DISTINCT type FROM activity WHERE id > ?", String.class,
                lastActivityIdBefore)).contains("PAGE_VIEW", "CONTENT_DOWNLOAD", "EMAIL_OPEN", "EMAIL_CLICK",
                "FORM_SUBMIT", "SURVEY_ANSWER", "CALL", "NOTE", "MEETING");
    }

    @Test
    void peopleWriteCallsNotesAndMeetingsAndMachinesTheRest() {
        assertThat(count("""
                SELECT COUNT(*) FROM activity a JOIN contact c ON c.id = a.contact_id
                WHERE a.id > ? AND a.type IN ('CALL', 'NOTE', 'MEETING')
                  AND NOT (a.author_kind = 'USER' AND a.author_user_id <=> c.owner_id
                           AND a.author_label = (SELECT display_name FROM app_user WHERE id = c.owner_id))""",
                lastActivityIdBefore)).isZero();
        assertThat(count("SELECT COUNT(*) FROM activity WHERE id > ? AND type IN ('PAGE_VIEW', 'CONTENT_DOWNLOAD',"
                + " 'FORM_SUBMIT', 'SURVEY_ANSWER', 'EMAIL_OPEN', 'EMAIL_CLICK')"
                + " AND author_kind NOT IN ('SYSTEM', 'API')",
                lastActivityIdBefore)).isZero();
    }

    @Test
    void someLostLeadsComeBackAboutSixMonthsLater() {
        assertThat(count("""
                SELECT COUNT(*) FROM contact c
                WHERE c.id > ? AND c.status = 'LOST'
                  AND c.last_activity_at > (SELECT MAX(a.occurred_at) + INTERVAL 140 DAY FROM activity a
                                            WHERE a.contact_id = c.id AND a.type = 'FUNNEL_MOVE')""",
                lastContactIdBefore)).isPositive();
    }

    @Test
    void aboutFortyPercentOfThePeopleHaveRussianNames() {
        double russian = share("first_name REGEXP '^[А-ЯЁ]'");
        assertThat(russian).isCloseTo(0.4, within(0.06));
        assertThat(count("SELECT COUNT(*) FROM contact WHERE id > ? AND country NOT REGEXP '^[A-Z]{2}$'",
                lastContactIdBefore)).isZero();
    }

    @Test
    void theSameSeedGivesTheSamePeople() {
        List<String> names = DemoDataGenerator.sampleNames(SEED, 50);
        assertThat(DemoDataGenerator.sampleNames(SEED, 50)).isEqualTo(names);
        assertThat(DemoDataGenerator.sampleNames(SEED + 1, 50)).isNotEqualTo(names);
        List<String> stored = jdbc.queryForList(
                "SELECT CONCAT(first_name, ' ', last_name) FROM contact WHERE id > ? ORDER BY id LIMIT 50",
                String.class, lastContactIdBefore);
        assertThat(stored).isEqualTo(names);
    }

    @Test
    void leavesTheDatabaseReadyForNormalWork() {
        // explicit ids must have moved the auto-increment on, and the global statistics setting must be back
        long generatedUpTo = count("SELECT MAX(id) FROM contact");
        jdbc.update("INSERT INTO contact (first_name, last_name, created_at, updated_at)"
                + " VALUES ('After', 'GeneratorTest', NOW(), NOW())");
        long inserted = count("SELECT id FROM contact WHERE last_name = 'GeneratorTest'");
        jdbc.update("DELETE FROM contact WHERE id = ?", inserted);
        assertThat(inserted).isGreaterThan(generatedUpTo);
        assertThat(jdbc.queryForObject("SELECT @@GLOBAL.innodb_stats_auto_recalc", Integer.class)).isEqualTo(1);
    }

    @Test
    void aFailedLoadLeavesNeitherTableChanged() {
        long contacts = count("SELECT COUNT(*) FROM contact");
        long activities = count("SELECT COUNT(*) FROM activity");
        // MariaDB skips rows that break a CHECK in LOAD DATA LOCAL (with a warning): the load must fail as a whole
        long allowedUpTo = count("SELECT MAX(id) FROM contact") + 10;
        jdbc.execute("ALTER TABLE activity ADD CONSTRAINT ck_generator_test CHECK (contact_id <= " + allowedUpTo + ")");
        try {
            assertThatThrownBy(() -> generator.generate(300, 3_000, 99))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("activity");
        } finally {
            jdbc.execute("ALTER TABLE activity DROP CONSTRAINT ck_generator_test");
        }
        assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(contacts);
        assertThat(count("SELECT COUNT(*) FROM activity")).isEqualTo(activities);
        assertThat(jdbc.queryForObject("SELECT @@GLOBAL.innodb_stats_auto_recalc", Integer.class)).isEqualTo(1);
    }

    private double share(String condition) {
        return (double) count("SELECT COUNT(*) FROM contact WHERE id > ? AND " + condition, lastContactIdBefore)
                / CONTACTS;
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
