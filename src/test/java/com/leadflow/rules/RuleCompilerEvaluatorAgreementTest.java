package com.leadflow.rules;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.rules.RuleNode.BehaviourCondition;
import com.leadflow.rules.RuleNode.FieldCondition;
import com.leadflow.rules.RuleNode.Group;
import com.leadflow.rules.RuleNode.InactivityCondition;
import com.leadflow.rules.RuleNode.Not;
import com.leadflow.rules.RuleNode.SegmentCondition;
import com.leadflow.timeline.ActivityType;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The property the rules engine stands on: for random rule trees over random contacts (NULLs, empty strings,
 * Unicode, quotes, injection attempts) the SQL compiler and the in-memory evaluator select the same contacts, and no
 * input breaks or escapes the SQL. Everything runs in one transaction that is rolled back, so the hostile contacts
 * never reach another test. A failure prints its seed: rerun with {@code -Drules.seed=N}.
 */
@Transactional
class RuleCompilerEvaluatorAgreementTest extends AbstractIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(RuleCompilerEvaluatorAgreementTest.class);
    private static final int CONTACTS = 300;
    private static final int VALID_TREES = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // text as people and attackers type it; values are cut to each column's length when inserted
    private static final List<String> TEXTS = List.of(
            "", " ", "  ", "a", "A", "a ", "A  ", " a", "Anna", "ANNA", "anna ", "Ánna", "anna\u0301", "Anna-Lena",
            "İstanbul", "istanbul", "ISTANBUL", "ı", "Straße", "STRASSE", "STRAẞE", "ß", "ẞ", "Σίσυφος", "ΣΊΣΥΦΟΣ",
            "ς", "σ", "Иван", "ИВАН", "иван", "Ёлка", "ёлка", "ЕЛКА", "😀", "😀 Smile", "𐐀𐐨", "ǅ", "ǆ", "Ǆ", "ﬀ",
            "Ᲊ", "O'Brien", "o'brien", "\"quoted\"", "--", "; DROP TABLE contact; --", "' OR 1=1 --", "' OR '1'='1",
            "100%", "a_b", "a%b", "%", "_", "back\\slash", "\\", "\\'", "tab\there", "line\nbreak", "nul\u0000byte",
            "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫ", "東京", "Müller", "MÜLLER", "muller", "Acme Corp", "acme corp.", "ACME",
            "https://example.com/pricing?utm=%27", "/pricing", "/PRICING", "/ru/цены", "E-book: Lead nurturing",
            "x".repeat(100));
    private static final List<String> HOSTILE = List.of(
            "'", "\"", "--", ";", "%", "_", "\\", "' OR 1=1 --", "DROP TABLE contact", "'); DELETE FROM contact; --",
            "*/ OR /*", "\u0000", "${jndi:ldap://x}", "?", "??", ":name", "$1", "🙂🙃", "Кириллица", "àéîõü",
                    "trailing   ",
            "x".repeat(500), "x".repeat(501), "y".repeat(10_000), "broken \uD800 surrogate", "\uDC00");
    private static final List<String> COUNTRIES = Arrays.asList(null, "", " ", "a", "A", "DE", "de", "Dé", "Ü", "ü",
            "😀", "'", "%", "\\", "RU", "ru");
    private static final List<String> NUMBERS = List.of(
            "0", "1", "-1", "49", "50", "51", "99", "100", "-100", "2147483647", "-2147483648", "2147483648",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e3", "1.5", " 5", "+5", "٣", "",
            "0x10", "' OR 1=1 --");
    private static final int[] DAY_OFFSETS = {0, 1, 2, 6, 7, 8, 29, 30, 31, 89, 90, 91, 364, 365, 366, 3649, 3650};
    private static final int[] MONTH_OFFSETS = {1, 2, 3, 6, 12, 120};

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ContactFactsLoader loader;
    @Autowired
    private FieldCatalogProvider catalogs;

    private Random random;
    private Instant now;
    private FieldCatalog catalog;
    private List<Instant> instants;
    private List<String> dates;
    private List<Long> segmentIds;
    private List<Long> ownerIds;
    private List<Long> teamIds;

    @Test
    void sqlAndEvaluatorAgreeOnRandomRulesAndNothingEscapes() {
        long seed = Long.getLong("rules.seed", System.nanoTime());
        log.info("Rule agreement seed {} (rerun with -Drules.seed={})", seed, seed);
        random = new Random(seed);
        now = Instant.now(); // with nanoseconds: the compiler and evaluator must cut them the same way
        catalog = catalogs.current();
        prepareTimes();
        ownerIds = jdbc.queryForList("SELECT id FROM app_user", Long.class);
        teamIds = jdbc.queryForList("SELECT id FROM team", Long.class);
        segmentIds = insertSegments();
        List<Long> contactIds = insertContacts();
        Set<Long> ours = new HashSet<>(contactIds);
        long firstId = contactIds.getFirst();
        long lastId = contactIds.getLast();

        long loadStarted = System.nanoTime();
        List<ContactFacts> facts = new ArrayList<>();
        Instant since = TimeUnit.MONTHS.before(now, 121); // every activity any valid rule can look at
        for (long id : contactIds) {
            facts.add(loader.load(id, since).orElseThrow());
        }
        double loadMillis = (System.nanoTime() - loadStarted) / 1e6 / contactIds.size();
        String before = databaseState(firstId, lastId);

        RuleSqlCompiler compiler = new RuleSqlCompiler(catalog);
        RuleEvaluator evaluator = new RuleEvaluator(catalog);
        RuleValidator validator = new RuleValidator(catalog);
        RuleJson ruleJson = new RuleJson();
        int valid = 0;
        int invalid = 0;
        int selective = 0;
        Map<String, Integer> problemKinds = new TreeMap<>();
        long started = System.nanoTime();
        long sqlNanos = 0;
        long evalNanos = 0;
        List<Rule> validRules = new ArrayList<>();
        List<Set<Long>> selectedBySql = new ArrayList<>();
        for (int tree = 0; valid < VALID_TREES; tree++) {
            Rule rule = randomRule();
            if (rule.schemaVersion() == Rule.CURRENT_SCHEMA_VERSION) {
                assertThat(ruleJson.read(ruleJson.write(rule))).as("JSON round trip").isEqualTo(rule);
            }
            List<RuleProblem> problems = validator.validate(rule);
            if (!problems.isEmpty()) {
                invalid++;
                problems.forEach(p -> problemKinds.merge(p.messageKey(), 1, Integer::sum));
                assertThatThrownBy(() -> compiler.compile(rule, now)).isInstanceOf(RuleValidationException.class);
                assertThatThrownBy(() -> evaluator.matching(rule, facts, now))
                        .isInstanceOf(RuleValidationException.class);
                continue;
            }
            valid++;
            SqlPredicate predicate = compiler.compile(rule, now);
            List<Object> params = new ArrayList<>(List.of(firstId, lastId));
            params.addAll(predicate.params());
            long t0 = System.nanoTime();
            Set<Long> bySql = new TreeSet<>(jdbc.queryForList("SELECT c.id FROM contact c WHERE c.id BETWEEN ? AND ?"
                    + " AND " + predicate.sql(), Long.class, params.toArray()));
            bySql.retainAll(ours); // another test's contacts could sit in the id range
            long t1 = System.nanoTime();
            Set<Long> byEvaluator = new TreeSet<>(evaluator.matching(rule, facts, now));
            sqlNanos += t1 - t0;
            evalNanos += System.nanoTime() - t1;
            if (!bySql.equals(byEvaluator)) {
                failWithDetails(seed, tree, rule, predicate, bySql, byEvaluator, facts);
            }
            validRules.add(rule);
            selectedBySql.add(bySql);
            if (!bySql.isEmpty() && bySql.size() < contactIds.size()) {
                selective++;
            }
            if (valid % 10 == 0) {
                // two-valued logic, checked directly: a NULL would make NOT and the negative operators lie
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact c WHERE c.id BETWEEN ? AND ? AND ("
                        + predicate.sql() + ") IS NULL", Long.class, params.toArray())).isZero();
            }
        }
        long passStarted = System.nanoTime();
        List<Set<Long>> selectedByPass = fullRefreshPass(validRules, ours);
        for (int i = 0; i < validRules.size(); i++) {
            assertThat(selectedByPass.get(i)).as("the full refresh's one read (ContactPass), seed %d, rule %s", seed,
                    validRules.get(i)).isEqualTo(selectedBySql.get(i));
        }
        log.info("Rule agreement: the full refresh's one read decided {} rules for every contact in {} ms",
                validRules.size(), (System.nanoTime() - passStarted) / 1_000_000);
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("Rule agreement: {} valid and {} invalid trees in {} ms (SQL {} ms, evaluator {} ms); {} valid ones"
                        + " selected some but not all contacts; facts loaded in {} ms per contact; problems seen {}",
                valid, invalid, millis, sqlNanos / 1_000_000, evalNanos / 1_000_000, selective,
                "%.2f".formatted(loadMillis), problemKinds);

        assertThat(databaseState(firstId, lastId)).as("no statement changed anything").isEqualTo(before);
        assertThat(invalid).as("invalid trees refused").isGreaterThan(VALID_TREES / 10);
        assertThat(selective).as("trees that tell contacts apart").isGreaterThan(valid / 4);
    }

    /**
     * The same rules decided by the full refresh's single read ({@link ContactPass}: activity and segment conditions
     * from sets read in SQL, field conditions in memory), all in one pass; the contacts each selects among ours.
     */
    private List<Set<Long>> fullRefreshPass(List<Rule> rules, Set<Long> ours) {
        RuleEvaluator evaluator = new RuleEvaluator(catalog);
        List<Set<Long>> selected = new ArrayList<>();
        rules.forEach(rule -> selected.add(new TreeSet<>()));
        ContactPass.run(jdbc, catalog, now, List.of(new ContactPass.Step() {
            @Override
            public List<ContactPass.PassRule> rules() {
                return rules.stream().map(rule -> new ContactPass.PassRule(rule, null)).toList();
            }

            @Override
            public ContactFacts decide(ContactFacts contact, RuleEvaluator.Decided decided) {
                if (ours.contains(contact.id())) {
                    for (int i = 0; i < rules.size(); i++) {
                        if (evaluator.matchesDecided(rules.get(i), contact, now, decided)) {
                            selected.get(i).add(contact.id());
                        }
                    }
                }
                return contact;
            }
        }));
        return selected;
    }

    private void failWithDetails(long seed, int tree, Rule rule, SqlPredicate predicate, Set<Long> bySql,
                                 Set<Long> byEvaluator, List<ContactFacts> facts) {
        Set<Long> onlySql = new TreeSet<>(bySql);
        onlySql.removeAll(byEvaluator);
        Set<Long> onlyEvaluator = new TreeSet<>(byEvaluator);
        onlyEvaluator.removeAll(bySql);
        Set<Long> differing = new HashSet<>(onlySql);
        differing.addAll(onlyEvaluator);
        String contacts = facts.stream().filter(f -> differing.contains(f.id())).limit(3).map(ContactFacts::toString)
                .collect(Collectors.joining("\n"));
        fail("SQL and evaluator disagree (seed " + seed + ", tree " + tree + ")\nrule: " + new RuleJson().write(rule)
                + "\nsql: " + predicate.sql() + "\nparams: " + predicate.params() + "\nonly SQL: " + onlySql
                + "\nonly evaluator: " + onlyEvaluator + "\n" + contacts);
    }

    /** Row counts of every table a statement could touch, and a checksum of our contacts. */
    private String databaseState(long firstId, long lastId) {
        return jdbc.queryForObject("""
                SELECT CONCAT_WS(' ', (SELECT COUNT(*) FROM contact), (SELECT COUNT(*) FROM activity),
                       (SELECT COUNT(*) FROM segment_member), (SELECT COUNT(*) FROM segment),
                       (SELECT COUNT(*) FROM app_user), (SELECT COUNT(*) FROM funnel_stage),
                       (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()),
                       (SELECT BIT_XOR(CRC32(CONCAT_WS('|', id, first_name, last_name, email, company, city, score,
                               lifecycle_stage, last_activity_at))) FROM contact WHERE id BETWEEN ? AND ?))""",
                String.class, firstId, lastId);
    }

    // ---------------------------------------------------------------- data

    private void prepareTimes() {
        Set<Instant> times = new LinkedHashSet<>();
        for (int days : DAY_OFFSETS) {
            aroundInstant(times, TimeUnit.DAYS.before(now, days));
        }
        for (int months : MONTH_OFFSETS) {
            aroundInstant(times, TimeUnit.MONTHS.before(now, months));
        }
        dates = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int days : new int[]{0, 1, 7, 30, 365, 4000}) {
            LocalDate date = today.minusDays(days);
            dates.add(date.toString());
            aroundInstant(times, ConditionValues.startOfDay(date));
            aroundInstant(times, ConditionValues.startOfDay(date.plusDays(1)));
        }
        times.add(now.plus(1, ChronoUnit.DAYS)); // clocks differ: an event can arrive "from the future"
        instants = new ArrayList<>(times);
        dates.addAll(List.of("1900-01-01", "2999-12-31", "2024-02-29", "2025-02-30", "24-01-01", "2024-1-1",
                "+12024-01-01", "1899-12-31", "", "' OR 1=1 --", "2024-13-01"));
    }

    private static void aroundInstant(Set<Instant> times, Instant instant) {
        times.add(instant);
        times.add(instant.minus(1, ChronoUnit.MICROS));
        times.add(instant.plus(1, ChronoUnit.MICROS));
    }

    private List<Long> insertSegments() {
        List<Long> ids = new ArrayList<>();
        String marker = "rules-agreement-" + System.nanoTime();
        for (int i = 0; i < 4; i++) {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            String name = marker + "-" + i;
            jdbc.update(connection -> {
                PreparedStatement statement = connection.prepareStatement("INSERT INTO segment (name, rule_json,"
                        + " created_at, updated_at) VALUES (?, '{}', ?, ?)", Statement.RETURN_GENERATED_KEYS);
                statement.setString(1, name);
                statement.setObject(2, LocalDateTime.now());
                statement.setObject(3, LocalDateTime.now());
                return statement;
            }, key);
            ids.add(key.getKey().longValue());
        }
        return ids;
    }

    private List<Long> insertContacts() {
        List<Long> ids = new ArrayList<>();
        List<String> funnel = catalog.field("funnelStage").enumValues();
        for (int i = 0; i < CONTACTS; i++) {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            Object[] values = {
                    text(100, false), text(100, false),
                    chance(40) ? null : cut(pick(TEXTS), 200) + "-" + i + "-" + System.nanoTime() + "@agreement.test",
                    text(40, true), text(200, true), text(120, true), pick(COUNTRIES), text(100, true), text(100, true),
                    enumValue("preferredChannel", false), enumValue("firstTouchSource", true), time(true),
                    text(150, true), ownerIds.isEmpty() || chance(30) ? null : pick(ownerIds),
                    teamIds.isEmpty() || chance(50) ? null : pick(teamIds),
                    enumValue("lifecycleStage", false), pick(funnel), enumValue("status", false),
                    enumValue("lostReason", true), random.nextBoolean(), score(), enumValue("temperature", false),
                    time(false), time(false), time(true)};
            jdbc.update(connection -> {
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO contact (first_name, last_name, email, phone, company, job_title, country, city,
                            product_interest, preferred_channel, first_touch_source, first_touch_at,
                            first_touch_campaign, owner_id, team_id, lifecycle_stage, funnel_stage, status,
                            lost_reason, do_not_contact, score, temperature, created_at, updated_at, last_activity_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        Statement.RETURN_GENERATED_KEYS);
                for (int p = 0; p < values.length; p++) {
                    statement.setObject(p + 1, values[p]);
                }
                return statement;
            }, key);
            long id = key.getKey().longValue();
            ids.add(id);
            insertActivities(id);
            for (long segment : segmentIds) {
                if (chance(35)) {
                    jdbc.update("INSERT INTO segment_member (segment_id, contact_id, entered_at) VALUES (?, ?, ?)",
                            segment, id, LocalDateTime.now());
                }
            }
        }
        return ids;
    }

    private void insertActivities(long contactId) {
        List<Object[]> rows = new ArrayList<>();
        int count = random.nextInt(13);
        for (int i = 0; i < count; i++) {
            ActivityType type = chance(70) ? pick(List.of(ActivityType.PAGE_VIEW, ActivityType.CONTENT_DOWNLOAD,
                    ActivityType.FORM_SUBMIT, ActivityType.SURVEY_ANSWER, ActivityType.EMAIL_OPEN,
                    ActivityType.EMAIL_CLICK, ActivityType.CALL))
                    : pick(Arrays.asList(ActivityType.values()));
            LocalDateTime at = RuleSqlCompiler.utc(pick(instants));
            rows.add(new Object[]{contactId, type.name(), at, "SYSTEM", payload(), at});
        }
        jdbc.batchUpdate("INSERT INTO activity (contact_id, type, occurred_at, author_kind, payload, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    private String payload() {
        if (chance(10)) {
            return null;
        }
        ObjectNode json = JSON.createObjectNode();
        for (String attribute : FieldCatalog.LOADED_ATTRIBUTES) {
            if (chance(45)) {
                switch (random.nextInt(12)) {
                    case 0 -> json.put(attribute, random.nextInt(100));
                    case 1 -> json.putNull(attribute);
                    case 2 -> json.putObject(attribute).put("nested", pick(TEXTS));
                    case 3 -> json.putArray(attribute).add(pick(TEXTS));
                    default -> json.put(attribute, pick(TEXTS));
                }
            }
        }
        if (chance(30)) {
            json.put("seconds", random.nextInt(300));
        }
        return JSON.writeValueAsString(json);
    }

    private String text(int maxLength, boolean nullable) {
        if (nullable && chance(20)) {
            return null;
        }
        String text = chance(15) ? pick(TEXTS) + pick(TEXTS) : pick(TEXTS);
        return cut(text, maxLength);
    }

    /** VARCHAR(n) counts characters, not UTF-16 units. */
    private static String cut(String text, int maxLength) {
        return text.codePointCount(0, text.length()) <= maxLength ? text
                : text.substring(0, text.offsetByCodePoints(0, maxLength));
    }

    private String enumValue(String field, boolean nullable) {
        return nullable && chance(25) ? null : pick(catalog.field(field).enumValues());
    }

    private int score() {
        return switch (random.nextInt(8)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2, 3 -> pick(List.of(-1, 0, 1, 49, 50, 51, 99, 100));
            default -> random.nextInt(300) - 100;
        };
    }

    private LocalDateTime time(boolean nullable) {
        return nullable && chance(25) ? null : RuleSqlCompiler.utc(pick(instants));
    }

    // ---------------------------------------------------------------- rules

    private Rule randomRule() {
        int roll = random.nextInt(1000);
        if (roll < 3) {
            return new Rule(2, leaf());
        }
        if (roll < 6) {
            return new Rule(1, null);
        }
        if (roll < 12) {
            return Rule.of(chain(11 + random.nextInt(3)));
        }
        if (roll < 18) {
            List<RuleNode> wide = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                wide.add(leaf());
            }
            return Rule.of(new Group(Combinator.ANY, wide));
        }
        return Rule.of(chance(85) ? group(1) : leaf());
    }

    private RuleNode node(int depth) {
        int roll = random.nextInt(100);
        if (depth < 5 && roll < 18) {
            return group(depth + 1);
        }
        if (depth < 6 && roll < 28) {
            return new Not(node(depth + 1));
        }
        return leaf();
    }

    private Group group(int depth) {
        int size = chance(1) ? 0 : 1 + random.nextInt(5);
        List<RuleNode> children = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            children.add(chance(0.3) ? null : node(depth));
        }
        Combinator combinator = chance(0.5) ? null : random.nextBoolean() ? Combinator.ALL : Combinator.ANY;
        return new Group(combinator, children);
    }

    /** Deeper than the limit allows, to see it refused. */
    private RuleNode chain(int depth) {
        RuleNode node = leaf();
        for (int i = 1; i < depth; i++) {
            node = random.nextBoolean() ? new Not(node) : new Group(Combinator.ALL, List.of(node, leaf()));
        }
        return node;
    }

    private RuleNode leaf() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> fieldCondition();
            case 5, 6 -> behaviour();
            case 7, 8 -> inactivity();
            default -> segment();
        };
    }

    private FieldCondition fieldCondition() {
        if (chance(1)) {
            return new FieldCondition(pick(List.of("password_hash", "c.id", "1=1; --", "", "FIRSTNAME")),
                    Operator.EQUALS, "x");
        }
        FieldDefinition field = pick(catalog.fields());
        Operator operator = chance(1.5) ? pick(Arrays.asList(Operator.values())) : pick(field.operators());
        List<String> values = new ArrayList<>();
        switch (operator.arity()) {
            case NONE -> {
                if (chance(5)) {
                    values.add(pick(HOSTILE)); // left over from another operator: ignored
                }
            }
            case ONE -> values.add(value(field));
            case LIST -> {
                int size = chance(1) ? 0 : 1 + random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    values.add(value(field));
                }
            }
            case TWO -> {
                values.add(value(field));
                values.add(value(field));
                if (chance(85) && reversed(values)) {
                    values.add(values.removeFirst());
                }
            }
            case RELATIVE_TIME -> {
                values.add(chance(1.5) ? pick(List.of("0", "-1", "3651", "121", "x", "")) : String.valueOf(
                        pick(Arrays.stream(DAY_OFFSETS).boxed().filter(d -> d > 0).toList())));
                values.add(chance(1) ? "YEARS" : random.nextBoolean() ? "DAYS" : "MONTHS");
                if (values.get(1).equals("MONTHS") && random.nextBoolean()) {
                    values.set(0, String.valueOf(pick(Arrays.stream(MONTH_OFFSETS).boxed().toList())));
                }
            }
        }
        if (chance(1) && !values.isEmpty()) {
            values.set(0, null);
        }
        return new FieldCondition(field.name(), operator, values);
    }

    private static boolean reversed(List<String> range) {
        Long from = ConditionValues.number(range.get(0));
        Long to = ConditionValues.number(range.get(1));
        if (from != null && to != null) {
            return from > to;
        }
        LocalDate fromDate = ConditionValues.date(range.get(0));
        LocalDate toDate = ConditionValues.date(range.get(1));
        return fromDate != null && toDate != null && fromDate.isAfter(toDate);
    }

    private String value(FieldDefinition field) {
        return switch (field.type()) {
            case TEXT -> ruleText();
            case ENUM -> chance(1.5) ? pick(HOSTILE) : pick(field.enumValues());
            case NUMBER -> switch (field.name()) {
                case "owner" -> !ownerIds.isEmpty() && chance(80) ? String.valueOf(pick(ownerIds)) : pick(NUMBERS);
                case "team" -> !teamIds.isEmpty() && chance(80) ? String.valueOf(pick(teamIds)) : pick(NUMBERS);
                default -> chance(80) ? String.valueOf(score()) : pick(NUMBERS);
            };
            case DATE -> chance(93) ? pick(dates.subList(0, 6)) : pick(dates);
            case BOOLEAN -> pick(HOSTILE);
        };
    }

    /** Text that sometimes matches the data: whole values, pieces of them, other cases, hostile strings. */
    private String ruleText() {
        String text = pick(TEXTS);
        return switch (random.nextInt(10)) {
            case 0, 1 -> pick(HOSTILE);
            case 2 -> text.toUpperCase(Locale.ROOT);
            case 3, 4 -> {
                int[] cps = text.codePoints().toArray();
                if (cps.length == 0) {
                    yield "a";
                }
                int from = random.nextInt(cps.length);
                int to = from + 1 + random.nextInt(cps.length - from);
                yield new String(cps, from, to - from);
            }
            default -> text;
        };
    }

    private BehaviourCondition behaviour() {
        ActivityType type = chance(1) ? null : pick(List.of(ActivityType.PAGE_VIEW, ActivityType.CONTENT_DOWNLOAD,
                ActivityType.FORM_SUBMIT, ActivityType.SURVEY_ANSWER, ActivityType.EMAIL_OPEN, ActivityType.EMAIL_CLICK,
                ActivityType.CALL, ActivityType.NOTE));
        int days = chance(1) ? pick(List.of(0, -1, 3651, Integer.MAX_VALUE))
                : pick(Arrays.stream(DAY_OFFSETS).boxed().filter(d -> d > 0).toList());
        String attribute = null;
        String value = null;
        String answer = null;
        if (chance(50)) {
            List<String> fitting = FieldCatalog.ACTIVITY_ATTRIBUTES.entrySet().stream()
                    .filter(e -> type != null && e.getValue().contains(type)).map(Map.Entry::getKey).toList();
            if (chance(3)) {
                attribute = pick(List.of("url", "asset", "answer", "$.x", "secret"));
            } else if (!fitting.isEmpty()) {
                attribute = pick(fitting);
            }
            value = attribute == null ? null : chance(2) ? "" : ruleText();
            if ("question".equals(attribute) && random.nextBoolean()) {
                answer = ruleText();
            }
        }
        if (chance(1)) {
            answer = "stray answer";
        }
        Comparison comparison = chance(1) ? null : pick(Arrays.asList(Comparison.values()));
        int count = chance(1) ? pick(List.of(-1, Integer.MIN_VALUE, 100_001, Integer.MAX_VALUE)) : random.nextInt(4);
        return new BehaviourCondition(type, days, attribute, value, comparison, count, answer);
    }

    private InactivityCondition inactivity() {
        Set<ActivityType> types = new LinkedHashSet<>();
        if (random.nextBoolean()) {
            int size = 1 + random.nextInt(3);
            for (int i = 0; i < size; i++) {
                types.add(pick(Arrays.asList(ActivityType.values())));
            }
        }
        if (chance(1)) {
            types.add(null);
        }
        TimeUnit unit = chance(1) ? null : random.nextBoolean() ? TimeUnit.DAYS : TimeUnit.MONTHS;
        int amount = chance(2) ? pick(List.of(0, -3, 3651, 121)) : unit == TimeUnit.MONTHS
                ? pick(Arrays.stream(MONTH_OFFSETS).boxed().toList())
                : pick(Arrays.stream(DAY_OFFSETS).boxed().filter(d -> d > 0).toList());
        return new InactivityCondition(types, amount, unit);
    }

    private SegmentCondition segment() {
        long id = chance(3) ? pick(List.of(0L, -1L, Long.MIN_VALUE)) : chance(10) ? Long.MAX_VALUE : pick(segmentIds);
        return new SegmentCondition(id, random.nextBoolean());
    }

    private boolean chance(double percent) {
        return random.nextDouble() * 100 < percent;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
