package com.leadflow.demo;

import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.contact.LostReason;
import com.leadflow.contact.PreferredChannel;
import com.leadflow.contact.Temperature;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.AuthorKind;
import net.datafaker.Faker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Generates realistic demo and benchmark contacts with their timelines, streamed into MariaDB with
 * {@code LOAD DATA LOCAL INFILE} while they are generated (one loader thread per table).
 */
@Component
public class DemoDataGenerator {

    private static final Logger log = LoggerFactory.getLogger(DemoDataGenerator.class);

    private static final long DAY = 86_400;
    /** Contacts and activities span the last 18 months. */
    private static final long HISTORY = 548 * DAY;
    private static final int PROGRESS_EVERY = 100_000;
    private static final int CHUNK_CHARS = 1 << 20;

    private static final String CONTACT_COLUMNS = "id, first_name, last_name, email, phone, company, job_title,"
            + " country, city, product_interest, preferred_channel, first_touch_source, first_touch_at, first_touch_campaign,"
            + " first_touch_context, owner_id, team_id, lifecycle_stage, funnel_stage, status, lost_reason, lost_note,"
            + " do_not_contact, do_not_contact_reason, do_not_contact_at, score, temperature, created_at, updated_at,"
            + " last_activity_at, version";
    private static final String ACTIVITY_COLUMNS = "id, contact_id, type, occurred_at, author_kind, author_user_id,"
            + " author_label, summary, payload, created_at";

    private final DataSource dataSource;

    DemoDataGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Result(long contacts, long activities, long millis) {
    }

    /**
     * Adds {@code contacts} contacts and exactly {@code activities} activities; the same seed gives the same
     * people, companies and histories (relative to the current time).
     */
    public Result generate(int contacts, long activities, long seed) {
        long started = System.nanoTime();
        if (contacts <= 0) {
            return new Result(0, 0, 0);
        }
        List<Owner> owners;
        long firstContactId;
        long firstActivityId;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            owners = salesOwners(statement);
            firstContactId = maxId(statement, "contact") + 1;
            firstActivityId = maxId(statement, "activity") + 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the demo data: " + e.getMessage(), e);
        }
        long now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toEpochSecond(ZoneOffset.UTC);
        ContactFactory factory = new ContactFactory(new NamePools(seed), seed, owners, now, contacts, activities);
        log.info("Generating {} contacts and {} activities (seed {}, {} sales owners)", contacts, activities, seed,
                owners.size());

        Boolean statsRecalc = pauseStatisticsRecalculation();
        RowStream contactRows = new RowStream();
        RowStream activityRows = new RowStream();
        // both tables commit, or neither does
        CompletableFuture<Boolean> commit = new CompletableFuture<>();
        TableLoad contactLoad = load("contact", CONTACT_COLUMNS, contactRows, contacts, commit);
        TableLoad activityLoad = load("activity", ACTIVITY_COLUMNS, activityRows, activities, commit);
        try {
            RowSink contactSink = new RowSink(contactRows);
            RowSink activitySink = new RowSink(activityRows);
            long activityId = firstActivityId;
            for (int i = 0; i < contacts; i++) {
                factory.next();
                factory.writeContact(contactSink.builder, firstContactId + i);
                activityId = factory.writeActivities(activitySink.builder, firstContactId + i, activityId);
                contactSink.flushIfFull();
                activitySink.flushIfFull();
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    log.info("Demo data: {} of {} contacts, {} activities generated in {} s", i + 1, contacts,
                            activityId - firstActivityId, (System.nanoTime() - started) / 1_000_000_000);
                }
            }
            contactSink.finish();
            activitySink.finish();
            log.info("Demo data: all rows sent in {} s; waiting for the database to build the indexes",
                    (System.nanoTime() - started) / 1_000_000_000);
            long loadedContacts = contactLoad.loaded().get();
            long loadedActivities = activityLoad.loaded().get();
            commit.complete(true);
            contactLoad.finished().get();
            activityLoad.finished().get();
            analyze();
            return new Result(loadedContacts, loadedActivities, (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            commit.complete(false);
            contactRows.abort();
            activityRows.abort();
            waitQuietly(contactLoad.finished());
            waitQuietly(activityLoad.finished());
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Demo data generation failed: " + cause.getMessage(), cause);
        } finally {
            restoreStatisticsRecalculation(statsRecalc);
        }
    }

    /** The names of the first {@code count} contacts a generation with this seed creates, in order. */
    static List<String> sampleNames(long seed, int count) {
        ContactFactory factory = new ContactFactory(new NamePools(seed), seed, List.of(),
                LocalDateTime.now().toEpochSecond(ZoneOffset.UTC), count, 0);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            factory.nextIdentity();
            names.add(factory.firstName + " " + factory.lastName);
        }
        return names;
    }

    // ---------------------------------------------------------------- database

    record Owner(long id, String displayName, Long teamId) {
    }

    private static List<Owner> salesOwners(Statement statement) throws SQLException {
        List<Owner> owners = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(
                "SELECT id, display_name, team_id FROM app_user WHERE role = 'SALES' AND enabled ORDER BY id")) {
            while (rs.next()) {
                long team = rs.getLong(3);
                owners.add(new Owner(rs.getLong(1), clean(rs.getString(2)), rs.wasNull() ? null : team));
            }
        }
        return owners;
    }

    private static long maxId(Statement statement, String table) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Streams one table's rows into one LOAD DATA statement in one transaction. With unique and foreign-key checks
     * off, InnoDB loads an empty table in bulk, building each index by sorting instead of row by row; the rows are
     * unique and consistent by construction, so nothing is lost by not checking.
     */
    private TableLoad load(String table, String columns, RowStream rows, long expected,
                           CompletableFuture<Boolean> commit) {
        TableLoad load = new TableLoad(new CompletableFuture<>(), new CompletableFuture<>());
        Thread.ofPlatform().name("demo-load-" + table).daemon().start(() -> {
            try {
                loadRows(table, columns, rows, expected, load.loaded(), commit);
                load.finished().complete(null);
            } catch (Throwable e) {
                rows.loadFailed(e);
                load.loaded().completeExceptionally(e);
                load.finished().completeExceptionally(e);
            }
        });
        return load;
    }

    /** A loader's progress: rows loaded (not yet committed), then committed or rolled back. */
    private record TableLoad(CompletableFuture<Long> loaded, CompletableFuture<Void> finished) {
    }

    private void loadRows(String table, String columns, RowStream rows, long expected,
                          CompletableFuture<Long> loadedRows, CompletableFuture<Boolean> commit)
            throws SQLException, InterruptedException, ExecutionException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // a transaction of our own, so that a failed generation leaves no partial data behind
            connection.setAutoCommit(false);
            try {
                long began = System.nanoTime();
                statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(rows);
                // SET STATEMENT: the checks are off for this statement only, never for the pooled connection
                long loaded = statement.executeLargeUpdate("SET STATEMENT unique_checks = 0, foreign_key_checks = 0"
                        + " FOR LOAD DATA LOCAL INFILE '" + table + ".tsv' INTO TABLE " + table
                        + " CHARACTER SET utf8mb4 (" + columns + ")");
                if (!rows.isComplete()) {
                    throw new IllegalStateException("generation stopped before all " + table + " rows were sent");
                }
                SQLWarning warning = statement.getWarnings();
                if (warning != null) {
                    throw new IllegalStateException("MariaDB warned while loading " + table + ": "
                            + warning.getMessage());
                }
                if (loaded != expected) {
                    throw new IllegalStateException("loaded " + loaded + " " + table + " rows, expected " + expected);
                }
                log.info("Demo data: {} {} rows loaded in {} ms", loaded, table,
                        (System.nanoTime() - began) / 1_000_000);
                loadedRows.complete(loaded);
                if (!commit.get()) {
                    throw new IllegalStateException("the other table failed to load");
                }
                connection.commit();
            } catch (SQLException | RuntimeException | InterruptedException | ExecutionException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    /**
     * MariaDB 11.4 re-reads the statistics of a table under bulk load over and over (measured: 40% of the server's
     * CPU); the statistics are refreshed once at the end instead. Needs a privilege an external server may not grant.
     */
    private Boolean pauseStatisticsRecalculation() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean on;
            try (ResultSet rs = statement.executeQuery("SELECT @@GLOBAL.innodb_stats_auto_recalc")) {
                rs.next();
                on = rs.getBoolean(1);
            }
            if (on) {
                statement.execute("SET GLOBAL innodb_stats_auto_recalc = OFF");
            }
            return on;
        } catch (SQLException e) {
            log.debug("Statistics recalculation stays on: {}", e.getMessage());
            return null;
        }
    }

    private void restoreStatisticsRecalculation(Boolean wasOn) {
        if (!Boolean.TRUE.equals(wasOn)) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL innodb_stats_auto_recalc = ON");
        } catch (SQLException e) {
            log.warn("Could not switch InnoDB statistics recalculation back on: {}", e.getMessage());
        }
    }

    private void analyze() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE TABLE contact, activity");
        }
    }

    private static void waitQuietly(CompletableFuture<?> future) {
        try {
            future.get(5, TimeUnit.MINUTES);
        } catch (Exception ignored) {
            // the first failure is the one reported
        }
    }

    // ---------------------------------------------------------------- row transport

    /** Collects rows as text and hands full chunks, UTF-8 encoded, to the loader. */
    private static final class RowSink {
        final StringBuilder builder = new StringBuilder(CHUNK_CHARS + 64 * 1024);
        private final RowStream stream;

        RowSink(RowStream stream) {
            this.stream = stream;
        }

        void flushIfFull() throws InterruptedException {
            if (builder.length() >= CHUNK_CHARS) {
                flush();
            }
        }

        void finish() throws InterruptedException {
            flush();
            stream.finish();
        }

        private void flush() throws InterruptedException {
            if (!builder.isEmpty()) {
                stream.put(builder.toString().getBytes(StandardCharsets.UTF_8));
                builder.setLength(0);
            }
        }
    }

    /** The LOAD DATA input: blocks until the generator hands over the next chunk; fails if generation aborts. */
    static final class RowStream extends InputStream {
        private static final byte[] END = new byte[0];
        private static final byte[] ABORT = new byte[0];

        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(16);
        private volatile Throwable loadFailure;
        private volatile boolean complete;
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        void put(byte[] chunk) throws InterruptedException {
            while (!queue.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                if (loadFailure != null) {
                    throw new IllegalStateException("loading failed: " + loadFailure.getMessage(), loadFailure);
                }
            }
        }

        void finish() throws InterruptedException {
            put(END);
        }

        void abort() {
            queue.clear();
            queue.offer(ABORT);
        }

        void loadFailed(Throwable failure) {
            loadFailure = failure;
        }

        boolean isComplete() {
            return complete;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == current.length) {
                if (ended) {
                    return -1;
                }
                byte[] next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for rows");
                }
                if (next == ABORT) {
                    throw new IOException("demo data generation aborted");
                }
                if (next == END) {
                    ended = true;
                    complete = true;
                    return -1;
                }
                current = next;
                position = 0;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, n);
            position += n;
            return n;
        }
    }

    // ---------------------------------------------------------------- the people

    /** Name, company, title and city pools drawn once from datafaker with the seed, then combined per contact. */
    static final class NamePools {
        final String[] enFirst;
        final String[] enLast;
        final String[] enCompanies;
        final String[] enCompanyDomains;
        final String[] enTitles;
        final String[] ruMaleFirst;
        final String[] ruFemaleFirst;
        final String[] ruMaleLast;
        final String[] ruFemaleLast;
        final String[] ruCompanies;
        final String[] ruCompanyDomains;
        final String[] ruCities;

        NamePools(long seed) {
            Faker en = new Faker(Locale.ENGLISH, new Random(seed));
            Faker ru = new Faker(Locale.of("ru"), new Random(seed ^ 0x5DEECE66DL));
            enFirst = distinct(700, () -> en.name().firstName());
            enLast = distinct(900, () -> en.name().lastName());
            enCompanies = distinct(2500, () -> en.company().name());
            enCompanyDomains = Arrays.stream(enCompanies).map(NamePools::englishDomain).toArray(String[]::new);
            List<String> titles = new ArrayList<>(Arrays.asList(distinct(300, () -> en.job().title())));
            // real titles of the people who buy B2B software, weighted up against datafaker's inventive ones
            for (int i = 0; i < 4; i++) {
                titles.addAll(Catalog.EN_BUYER_TITLES);
            }
            enTitles = titles.toArray(String[]::new);
            ruMaleFirst = distinct(400, () -> ru.name().maleFirstName());
            ruFemaleFirst = distinct(400, () -> ru.name().femaleFirstName());
            ruMaleLast = distinct(1500, () -> ru.resolve("name.male_last_name"));
            ruFemaleLast = Arrays.stream(ruMaleLast).map(NamePools::feminine).toArray(String[]::new);
            ruCompanies = distinct(3000, () -> russianCompany(ru.company().name()));
            ruCompanyDomains = Arrays.stream(ruCompanies).map(NamePools::russianDomain).toArray(String[]::new);
            ruCities = distinct(400, () -> ru.address().cityName());
        }

        private static String[] distinct(int draws, Supplier<String> supplier) {
            Set<String> values = new LinkedHashSet<>();
            for (int i = 0; i < draws; i++) {
                String value = clean(supplier.get());
                if (value != null && !value.isBlank()) {
                    values.add(value);
                }
            }
            return values.toArray(String[]::new);
        }

        /** Russian surnames take the feminine form for women: Иванов → Иванова, Вишневский → Вишневская. */
        static String feminine(String male) {
            if (male.endsWith("ов") || male.endsWith("ев") || male.endsWith("ёв") || male.endsWith("ин")
                    || male.endsWith("ын")) {
                return male + "а";
            }
            if (male.endsWith("ский") || male.endsWith("цкий")) {
                return male.substring(0, male.length() - 2) + "ая";
            }
            return male;
        }

        /** Keeps the legal forms a B2B seller meets (ООО, АО, ПАО) and quotes the name the Russian way. */
        private static String russianCompany(String name) {
            int space = name.indexOf(' ');
            if (space < 0) {
                return "";
            }
            String form = name.substring(0, space);
            if (!form.equals("ООО") && !form.equals("АО") && !form.equals("ПАО")) {
                return "";
            }
            return form + " «" + name.substring(space + 1).trim() + "»";
        }

        private static String russianDomain(String company) {
            int open = company.indexOf('«');
            String core = open < 0 ? company : company.substring(open + 1, company.length() - 1);
            String latin = letters(transliterate(core));
            return (latin.isEmpty() ? "company" : latin) + ".ru";
        }

        private static String englishDomain(String company) {
            String[] words = company.split("[\\s,&-]+");
            String core = letters(words[0].toLowerCase(Locale.ROOT));
            if (core.length() < 4 && words.length > 1) {
                core += letters(words[1].toLowerCase(Locale.ROOT));
            }
            return core.isEmpty() ? "company" : core;
        }
    }

    private static final String[] CYRILLIC_LATIN = {"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m",
            "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};

    static String transliterate(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c >= 'а' && c <= 'я') {
                out.append(CYRILLIC_LATIN[c - 'а']);
            } else if (c == 'ё') {
                out.append('e');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Lower-case ASCII letters only: what an e-mail local part or domain is built from. */
    static String letters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c >= 'a' && c <= 'z') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Text safe for a LOAD DATA field: no tabs, line breaks or backslashes. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').replace('\\', '/').trim();
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= ' ') {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    // ---------------------------------------------------------------- fixed catalogue

    record Country(String code, String tld, String phone, String[] cities) {
    }

    record Text(String en, String ru) {
        String in(boolean russian) {
            return russian ? ru : en;
        }
    }

    /** An event kind with its payload and summary ready to write (per language where people read it). */
    record Event(String summaryEn, String summaryRu, String payloadEn, String payloadRu) {
        String summary(boolean russian) {
            return russian ? summaryRu : summaryEn;
        }

        String payload(boolean russian) {
            return russian ? payloadRu : payloadEn;
        }
    }

    /** The seller's own world: products, campaigns, web pages, assets, notes; curated, in English and Russian. */
    static final class Catalog {
        static final String SITE = "https://northwind-cloud.example";

        static final String[] PRODUCTS = {"Northwind CRM", "Marketing Automation", "Analytics Suite",
                "Customer Portal", "Onboarding & Training", "Premium Support"};

        static final List<String> EN_BUYER_TITLES = List.of("CEO", "CTO", "CFO", "COO", "Founder", "Head of Marketing",
                "Marketing Manager", "VP of Sales", "Sales Director", "Procurement Manager", "IT Director",
                "Operations Manager", "Product Manager", "Business Development Manager", "Customer Success Lead",
                "Head of Digital", "Purchasing Specialist", "Office Manager");

        static final String[] RU_TITLES = {"Генеральный директор", "Коммерческий директор", "Директор по маркетингу",
                "Руководитель отдела продаж", "Менеджер по закупкам", "Маркетолог", "Финансовый директор",
                "ИТ-директор", "Руководитель проектов", "Бренд-менеджер", "Бизнес-аналитик", "Основатель",
                "Менеджер по работе с клиентами", "Специалист по закупкам", "Директор по развитию",
                "Руководитель отдела маркетинга", "Операционный директор", "Офис-менеджер"};

        static final String[] CAMPAIGNS = {
                "Spring Product Launch 2026",            // 0 email, ad
                "Lead Nurturing Webinar Series",         // 1 web form, email
                "Monthly Newsletter",                    // 2 email
                "Black Friday Offer",                    // 3 email, ad
                "Google Ads: CRM for SMB",               // 4 ad (en)
                "Яндекс Директ: автоматизация продаж",   // 5 ad (ru)
                "LinkedIn: Sales Playbook",              // 6 social, ad (en)
                "VK Реклама: малый бизнес",              // 7 social (ru)
                "Web Summit Lisbon",                     // 8 trade show (en)
                "Иннопром, Екатеринбург",                // 9 trade show (ru)
                "E-book: The Lead Scoring Handbook",     // 10 content
                "Case study: Retail follow-up in minutes", // 11 content
                "Partner referral programme"};           // 12 referral

        static final int[] EMAIL_CAMPAIGNS = {0, 1, 2, 3};
        static final Text[] EMAIL_SUBJECTS = {
                new Text("Meet the new Northwind CRM", "Встречайте новый Northwind CRM"),
                new Text("Webinar: turn cold leads into customers", "Вебинар: как превратить холодных лидов в клиентов"),
                new Text("Northwind monthly: 5 ideas for your funnel", "Дайджест Northwind: 5 идей для вашей воронки"),
                new Text("Black Friday: 30% off annual plans", "Чёрная пятница: −30% на годовые тарифы")};

        static final Text[] ASSETS = {
                new Text("The Lead Scoring Handbook", "Руководство по скорингу лидов"),
                new Text("Sales Funnel Benchmarks 2026", "Бенчмарки воронки продаж 2026"),
                new Text("Case study: Retail follow-up in minutes", "Кейс: ритейл отвечает клиентам за минуты"),
                new Text("Nurture email templates", "Шаблоны писем для прогрева лидов"),
                new Text("ROI calculator", "Калькулятор окупаемости"),
                new Text("Northwind CRM datasheet", "Описание Northwind CRM")};
        static final String[] ASSET_FORMATS = {"PDF", "PDF", "PDF", "DOCX", "XLSX", "PDF"};

        static final String[] PAGES = {"/", "/", "/pricing", "/pricing", "/pricing", "/features",
                "/features/lead-scoring", "/features/routing", "/integrations", "/customers",
                "/blog/lead-nurturing-101", "/blog/how-to-qualify-leads", "/blog/winning-back-lost-deals",
                "/blog/speed-to-lead", "/demo", "/contact", "/docs/getting-started", "/webinars"};

        static final Text[] FORMS = {new Text("Demo request", "Заявка на демо"),
                new Text("Pricing inquiry", "Запрос цены"), new Text("Newsletter signup", "Подписка на рассылку"),
                new Text("Webinar registration", "Регистрация на вебинар"), new Text("Contact us", "Обратная связь"),
                new Text("Free trial", "Пробный период")};
        static final String[] FORM_PAGES = {"/demo", "/pricing", "/blog", "/webinars", "/contact", "/trial"};

        static final Text[][] SURVEY = {
                {new Text("How big is your sales team?", "Сколько человек в отделе продаж?"),
                        new Text("1-5", "1-5"), new Text("6-20", "6-20"), new Text("21-100", "21-100"),
                        new Text("More than 100", "Больше 100")},
                {new Text("When do you plan to choose a solution?", "Когда планируете выбрать решение?"),
                        new Text("This month", "В этом месяце"), new Text("This quarter", "В этом квартале"),
                        new Text("This year", "В этом году"), new Text("Just researching", "Пока изучаем рынок")},
                {new Text("What do you use today?", "Чем пользуетесь сейчас?"),
                        new Text("Spreadsheets", "Таблицы"), new Text("Another CRM", "Другой CRM"),
                        new Text("Bitrix24", "Битрикс24"), new Text("Nothing yet", "Пока ничем")},
                {new Text("What is your budget?", "Какой у вас бюджет?"),
                        new Text("Under $5,000", "До 500 тыс. ₽"), new Text("$5,000-$20,000", "0,5-2 млн ₽"),
                        new Text("Over $20,000", "Больше 2 млн ₽"), new Text("Not decided", "Не определён")}};

        static final String[] CALL_OUTCOMES = {"CONNECTED", "NO_ANSWER", "VOICEMAIL", "BUSY", "WRONG_NUMBER"};
        static final Text[] CALL_SUMMARIES = {new Text("Call: connected", "Звонок: поговорили"),
                new Text("Call: no answer", "Звонок: нет ответа"),
                new Text("Call: left a voicemail", "Звонок: голосовое сообщение"),
                new Text("Call: line busy", "Звонок: занято"), new Text("Call: wrong number", "Звонок: неверный номер")};

        static final Text[] MEETINGS = {new Text("Discovery call", "Знакомство и выявление потребностей"),
                new Text("Product demo", "Демонстрация продукта"), new Text("Pricing discussion", "Обсуждение цены"),
                new Text("Technical deep dive", "Техническая встреча"), new Text("Contract review", "Согласование договора"),
                new Text("Onboarding kickoff", "Старт внедрения"), new Text("Quarterly business review", "Квартальная встреча")};
        static final String[] MEETING_PLACES = {"Zoom", "Google Meet", "Microsoft Teams", "Our office", "Client site"};
        static final int[] MEETING_MINUTES = {30, 45, 60, 90};

        static final Text[] NOTES = {
                new Text("Asked for a custom quote for 50 seats", "Нужно индивидуальное КП на 50 мест"),
                new Text("Decision maker is the CFO; follow up after the budget review",
                        "ЛПР — финансовый директор; вернуться после согласования бюджета"),
                new Text("Interested in the API integration with their ERP", "Интересует интеграция с 1С через API"),
                new Text("Comparing us with a competitor; price is the main concern",
                        "Сравнивают с конкурентом, главный вопрос — цена"),
                new Text("Sent the case study; they will discuss it internally", "Кейс отправлен, обсудят внутри компании"),
                new Text("Wants a trial for the marketing team first", "Хотят сначала пилот для отдела маркетинга"),
                new Text("Call back next week, travelling now", "Перезвонить на следующей неделе, сейчас в командировке"),
                new Text("Asked for references from customers in retail", "Нужны отзывы клиентов из ритейла"),
                new Text("Needs sign-off from IT security; sent the security whitepaper",
                        "Нужно согласование с ИБ; документация по безопасности отправлена"),
                new Text("Prefers messenger over calls", "Просит писать в мессенджер, а не звонить"),
                new Text("New head of sales starts next month; reconnect then",
                        "В следующем месяце выходит новый руководитель продаж, связаться после"),
                // customers only: keep last
                new Text("Happy with the onboarding so far", "Довольны ходом внедрения")};

        static final Text[] LOST_NOTES_BUDGET = {new Text("Budget frozen until the next fiscal year",
                "Бюджет заморожен до следующего финансового года"),
                new Text("Too expensive for this year's plan", "Слишком дорого для бюджета этого года")};
        static final Text[] LOST_NOTES_TIMING = {new Text("Not now: busy with a warehouse migration until autumn",
                "Сейчас не время: до осени переезжают на новый склад"),
                new Text("Revisit after their reorganisation", "Вернуться после реорганизации")};
        static final Text[] LOST_NOTES_COMPETITOR = {new Text("Chose a competitor with a local partner",
                "Выбрали конкурента с местным партнёром"),
                new Text("Signed a one-year contract elsewhere", "Подписали годовой договор с другим поставщиком")};
        static final Text[] LOST_NOTES_OTHER = {new Text("No need for a CRM at their size",
                "При их размере CRM пока не нужна"),
                new Text("Stopped answering after the demo", "После демо перестали отвечать")};

        static final Text[] DNC_REASONS = {
                new Text("Unsubscribed from all emails", "Отписка от всех рассылок"),
                new Text("Asked not to be called", "Просьба не звонить"),
                new Text("Requested erasure of personal data", "Запрос на удаление персональных данных"),
                new Text("Email address bounces", "Адрес электронной почты недоступен"),
                new Text("Marked our email as spam", "Наше письмо помечено как спам")};
        /** Reasons the system records by itself (the rest are set by a person). */
        static final boolean[] DNC_BY_SYSTEM = {true, false, false, true, true};

        static final String[] EN_FREE_MAIL = {"gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com",
                "proton.me"};
        static final String[] RU_FREE_MAIL = {"yandex.ru", "yandex.ru", "mail.ru", "mail.ru", "gmail.com",
                "rambler.ru"};

        static final Country RU = new Country("RU", "ru", "+7 9## ###-##-##", null);
        static final Country[] RU_COUNTRIES = bag(
                RU, 86,
                new Country("KZ", "kz", "+7 7## ###-##-##", new String[]{"Алматы", "Астана", "Шымкент", "Караганда"}), 6,
                new Country("BY", "by", "+375 (29) ###-##-##", new String[]{"Минск", "Гомель", "Брест", "Гродно"}), 5,
                new Country("AE", "ae", "+971 5# ### ####", new String[]{"Дубай", "Абу-Даби"}), 3);
        static final Country[] EN_COUNTRIES = bag(
                new Country("US", "com", "+1 (N##) N##-####", new String[]{"New York", "San Francisco", "Austin",
                        "Chicago", "Boston", "Seattle", "Denver", "Atlanta", "Miami", "San Diego"}), 30,
                new Country("GB", "co.uk", "+44 7### ######", new String[]{"London", "Manchester", "Edinburgh",
                        "Bristol", "Leeds", "Birmingham"}), 14,
                new Country("DE", "de", "+49 15# ########", new String[]{"Berlin", "Munich", "Hamburg", "Frankfurt",
                        "Cologne", "Stuttgart"}), 10,
                new Country("CA", "ca", "+1 (N##) N##-####", new String[]{"Toronto", "Vancouver", "Montreal",
                        "Calgary"}), 6,
                new Country("AU", "com.au", "+61 4## ### ###", new String[]{"Sydney", "Melbourne", "Brisbane",
                        "Perth"}), 5,
                new Country("NL", "nl", "+31 6 ########", new String[]{"Amsterdam", "Rotterdam", "Utrecht",
                        "Eindhoven"}), 5,
                new Country("FR", "fr", "+33 6 ## ## ## ##", new String[]{"Paris", "Lyon", "Toulouse", "Lille"}), 5,
                new Country("SE", "se", "+46 7# ### ## ##", new String[]{"Stockholm", "Gothenburg", "Malmö"}), 4,
                new Country("PL", "pl", "+48 5## ### ###", new String[]{"Warsaw", "Kraków", "Wrocław", "Gdańsk"}), 4,
                new Country("ES", "es", "+34 6## ### ###", new String[]{"Madrid", "Barcelona", "Valencia"}), 4,
                new Country("IN", "in", "+91 9#### #####", new String[]{"Bengaluru", "Mumbai", "Pune", "Hyderabad"}), 4,
                new Country("FI", "fi", "+358 4# ### ####", new String[]{"Helsinki", "Espoo", "Tampere"}), 3,
                new Country("IE", "ie", "+353 8# ### ####", new String[]{"Dublin", "Cork", "Galway"}), 3,
                new Country("SG", "sg", "+65 9### ####", new String[]{"Singapore"}), 3);

        /** Expands (value, weight) pairs into an array to draw from uniformly. */
        private static Country[] bag(Object... valuesAndWeights) {
            List<Country> bag = new ArrayList<>();
            for (int i = 0; i < valuesAndWeights.length; i += 2) {
                for (int w = 0; w < (Integer) valuesAndWeights[i + 1]; w++) {
                    bag.add((Country) valuesAndWeights[i]);
                }
            }
            return bag.toArray(Country[]::new);
        }

        // payloads and summaries, built once
        static final Event[] PAGE_VIEWS = new Event[PAGES.length];
        static final Event[] DOWNLOADS = new Event[ASSETS.length];
        static final Event[] FORM_SUBMITS = new Event[FORMS.length];
        static final Event[] SURVEY_ANSWERS;
        static final Event[] EMAIL_OPENS = new Event[EMAIL_CAMPAIGNS.length];
        static final Event[] EMAIL_CLICKS = new Event[EMAIL_CAMPAIGNS.length];
        static final Event[] NOTE_EVENTS = new Event[NOTES.length];
        static final Event[] MEETING_EVENTS;
        static final Event[] CONSENT_EVENTS = new Event[DNC_REASONS.length];
        /** Call payloads up to the duration, which is appended per call: [outcome][inbound ? 1 : 0]. */
        static final String[][] CALL_PAYLOAD_PREFIX = new String[CALL_OUTCOMES.length][2];

        static {
            for (int i = 0; i < PAGES.length; i++) {
                // page-view payloads end in a per-visit number of seconds, appended when written
                String en = "{\"url\":" + json(SITE + PAGES[i]) + ",\"seconds\":";
                String ru = "{\"url\":" + json(SITE + "/ru" + PAGES[i]) + ",\"seconds\":";
                PAGE_VIEWS[i] = new Event("Viewed " + PAGES[i], "Просмотр /ru" + PAGES[i], en, ru);
            }
            for (int i = 0; i < ASSETS.length; i++) {
                DOWNLOADS[i] = new Event("Downloaded “" + ASSETS[i].en() + "”", "Скачивание «" + ASSETS[i].ru() + "»",
                        "{\"asset\":" + json(ASSETS[i].en()) + ",\"format\":\"" + ASSET_FORMATS[i] + "\"}",
                        "{\"asset\":" + json(ASSETS[i].ru()) + ",\"format\":\"" + ASSET_FORMATS[i] + "\"}");
            }
            for (int i = 0; i < FORMS.length; i++) {
                FORM_SUBMITS[i] = new Event("Submitted “" + FORMS[i].en() + "”", "Форма «" + FORMS[i].ru() + "»",
                        "{\"form\":" + json(FORMS[i].en()) + ",\"url\":" + json(SITE + FORM_PAGES[i]) + "}",
                        "{\"form\":" + json(FORMS[i].ru()) + ",\"url\":" + json(SITE + "/ru" + FORM_PAGES[i]) + "}");
            }
            List<Event> answers = new ArrayList<>();
            for (Text[] question : SURVEY) {
                for (int a = 1; a < question.length; a++) {
                    answers.add(new Event(question[0].en() + " " + question[a].en(),
                            question[0].ru() + " " + question[a].ru(),
                            "{\"question\":" + json(question[0].en()) + ",\"answer\":" + json(question[a].en()) + "}",
                            "{\"question\":" + json(question[0].ru()) + ",\"answer\":" + json(question[a].ru()) + "}"));
                }
            }
            SURVEY_ANSWERS = answers.toArray(Event[]::new);
            for (int i = 0; i < EMAIL_CAMPAIGNS.length; i++) {
                String campaign = json(CAMPAIGNS[EMAIL_CAMPAIGNS[i]]);
                Text subject = EMAIL_SUBJECTS[i];
                EMAIL_OPENS[i] = new Event("Opened “" + subject.en() + "”", "Открытие письма «" + subject.ru() + "»",
                        "{\"campaign\":" + campaign + ",\"subject\":" + json(subject.en()) + "}",
                        "{\"campaign\":" + campaign + ",\"subject\":" + json(subject.ru()) + "}");
                String link = PAGES[2 + 4 * i % (PAGES.length - 2)];
                EMAIL_CLICKS[i] = new Event("Clicked " + link + " in “" + subject.en() + "”",
                        "Переход на /ru" + link + " из письма «" + subject.ru() + "»",
                        "{\"campaign\":" + campaign + ",\"subject\":" + json(subject.en()) + ",\"url\":"
                                + json(SITE + link) + "}",
                        "{\"campaign\":" + campaign + ",\"subject\":" + json(subject.ru()) + ",\"url\":"
                                + json(SITE + "/ru" + link) + "}");
            }
            for (int i = 0; i < NOTES.length; i++) {
                NOTE_EVENTS[i] = new Event(NOTES[i].en(), NOTES[i].ru(), "{\"text\":" + json(NOTES[i].en()) + "}",
                        "{\"text\":" + json(NOTES[i].ru()) + "}");
            }
            List<Event> meetings = new ArrayList<>();
            for (Text title : MEETINGS) {
                for (String place : MEETING_PLACES) {
                    for (int minutes : MEETING_MINUTES) {
                        meetings.add(new Event(title.en() + " (" + place + ")", title.ru() + " (" + place + ")",
                                "{\"title\":" + json(title.en()) + ",\"durationMinutes\":" + minutes
                                        + ",\"location\":" + json(place) + "}",
                                "{\"title\":" + json(title.ru()) + ",\"durationMinutes\":" + minutes
                                        + ",\"location\":" + json(place) + "}"));
                    }
                }
            }
            MEETING_EVENTS = meetings.toArray(Event[]::new);
            for (int i = 0; i < DNC_REASONS.length; i++) {
                // the same shape ContactService records: a list of field changes
                String prefix = "[{\"field\":\"doNotContact\",\"oldValue\":\"false\",\"newValue\":\"true\"},"
                        + "{\"field\":\"doNotContactReason\",\"oldValue\":null,\"newValue\":";
                CONSENT_EVENTS[i] = new Event("doNotContact, doNotContactReason", "doNotContact, doNotContactReason",
                        prefix + json(DNC_REASONS[i].en()) + "}]", prefix + json(DNC_REASONS[i].ru()) + "}]");
            }
            for (int i = 0; i < CALL_OUTCOMES.length; i++) {
                for (int inbound = 0; inbound < 2; inbound++) {
                    CALL_PAYLOAD_PREFIX[i][inbound] = "{\"outcome\":\"" + CALL_OUTCOMES[i] + "\",\"direction\":\""
                            + (inbound == 1 ? "INBOUND" : "OUTBOUND") + "\",\"durationSeconds\":";
                }
            }
        }

        private Catalog() {
        }
    }

    // ---------------------------------------------------------------- the histories

    /** Formats local date-times as MariaDB reads them, with the days of the generated period cached. */
    static final class DateTimeText {
        private final long firstDay;
        private final String[] days;

        DateTimeText(long fromSecond, long toSecond) {
            firstDay = Math.floorDiv(fromSecond, DAY);
            int count = (int) (Math.floorDiv(toSecond, DAY) - firstDay + 1);
            days = new String[count];
            for (int i = 0; i < count; i++) {
                days[i] = LocalDate.ofEpochDay(firstDay + i) + " ";
            }
        }

        void append(StringBuilder out, long second) {
            long day = Math.floorDiv(second, DAY);
            int time = (int) (second - day * DAY);
            long index = day - firstDay;
            out.append(index >= 0 && index < days.length ? days[(int) index] : LocalDate.ofEpochDay(day) + " ");
            twoDigits(out, time / 3600).append(':');
            twoDigits(out, time / 60 % 60).append(':');
            twoDigits(out, time % 60);
        }

        private static StringBuilder twoDigits(StringBuilder out, int value) {
            return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
        }
    }

    /** Internal outcome of a contact's journey, which decides its stage, score, owner and history. */
    private enum Outcome { UNQUALIFIED, LOST_EARLY, LOST_LATE, WON, OPEN }

    private static final String[] FUNNEL = {"UNINTERESTED", "INTERESTED", "ACTIVE_REQUEST", "REQUEST_SENT",
            "AGREED_INVOICED", "PAYMENT_RECEIVED", "DELIVERED", "WON", "LOST"};
    private static final int WON_STAGE = 7;
    private static final int LOST_STAGE = 8;
    /** Share of open contacts per open funnel stage, in percent. */
    private static final int[] OPEN_STAGE_WEIGHTS = {30, 25, 17, 13, 8, 4, 3};
    /** Relative activity volume per open funnel stage; later stages have busier timelines. */
    private static final double[] OPEN_STAGE_ACTIVITY = {0.5, 0.9, 1.4, 1.8, 2.2, 2.5, 2.8};
    /** Percentage of a timeline written by people (calls, notes, meetings) per open funnel stage. */
    private static final int[] OPEN_STAGE_PEOPLE = {6, 12, 25, 30, 35, 30, 30};
    private static final int[][] OPEN_STAGE_SCORES = {{0, 40}, {20, 60}, {35, 80}, {50, 90}, {65, 100}, {70, 100},
            {75, 100}};

    private static final ActivityType[] TYPES = ActivityType.values();
    private static final FirstTouchSource[] SOURCE_BAG = sourceBag();

    private static FirstTouchSource[] sourceBag() {
        Object[][] weights = {{FirstTouchSource.WEB_FORM, 22}, {FirstTouchSource.CONTENT_DOWNLOAD, 18},
                {FirstTouchSource.AD, 15}, {FirstTouchSource.EMAIL_CAMPAIGN, 12}, {FirstTouchSource.SOCIAL, 10},
                {FirstTouchSource.TRADE_SHOW, 8}, {FirstTouchSource.INBOUND_CALL, 6}, {FirstTouchSource.REFERRAL, 6},
                {FirstTouchSource.OTHER, 3}};
        List<FirstTouchSource> bag = new ArrayList<>();
        for (Object[] w : weights) {
            for (int i = 0; i < (Integer) w[1]; i++) {
                bag.add((FirstTouchSource) w[0]);
            }
        }
        return bag.toArray(FirstTouchSource[]::new);
    }

    /**
     * Decides one contact at a time and writes its row and its activities. Identity (name, company, e-mail, place)
     * comes from its own random stream, so the n-th contact of a seed is always the same person.
     */
    static final class ContactFactory {
        private final NamePools pools;
        private final SplittableRandom identityRandom;
        private final SplittableRandom random;
        private final Owner[] owners;
        private final Long[] teams;
        private final long now;
        private final long start;
        private final DateTimeText dates;
        private long remainingContacts;
        private long remainingActivities;

        // identity of the current contact
        boolean russian;
        String firstName;
        String lastName;
        private String email;
        private String phone;
        private String company;
        private String jobTitle;
        private Country country;
        private String city;

        // journey of the current contact
        private long createdAt;
        private FirstTouchSource source;
        private String campaign;
        private String context;
        private String product;
        private PreferredChannel channel;
        private Outcome outcome;
        private int stage;
        private int previousStage;
        private LifecycleStage lifecycle;
        private ContactStatus status;
        private LostReason lostReason;
        private String lostNote;
        private long closedAt;
        private long reengagedAt;
        private boolean doNotContact;
        private int doNotContactReason;
        private long doNotContactAt;
        private int score;
        private Owner owner;
        private Long teamId;
        private int peopleShare;

        // timeline of the current contact: (second << 5 | type ordinal), sorted
        private long[] events = new long[64];
        private int eventCount;

        ContactFactory(NamePools pools, long seed, List<Owner> owners, long now, long contacts, long activities) {
            this.pools = pools;
            this.identityRandom = new SplittableRandom(seed);
            this.random = new SplittableRandom(seed * 31 + 17);
            this.owners = owners.toArray(Owner[]::new);
            this.teams = owners.stream().map(Owner::teamId).filter(t -> t != null).distinct().toArray(Long[]::new);
            this.now = now;
            this.start = now - HISTORY;
            this.dates = new DateTimeText(start - DAY, now + DAY);
            this.remainingContacts = contacts;
            this.remainingActivities = activities;
        }

        void next() {
            nextIdentity();
            nextJourney();
            nextTimeline();
        }

        // ------------------------------------------------------------ identity

        void nextIdentity() {
            SplittableRandom r = identityRandom;
            russian = r.nextInt(100) < 40;
            if (russian) {
                boolean female = r.nextBoolean();
                firstName = pick(r, female ? pools.ruFemaleFirst : pools.ruMaleFirst);
                int last = r.nextInt(pools.ruMaleLast.length);
                lastName = female ? pools.ruFemaleLast[last] : pools.ruMaleLast[last];
                country = pick(r, Catalog.RU_COUNTRIES);
                city = country.cities() == null ? pick(r, pools.ruCities) : pick(r, country.cities());
            } else {
                firstName = pick(r, pools.enFirst);
                lastName = pick(r, pools.enLast);
                country = pick(r, Catalog.EN_COUNTRIES);
                city = pick(r, country.cities());
            }
            String domain;
            if (r.nextInt(100) < 92) {
                int c = r.nextInt(russian ? pools.ruCompanies.length : pools.enCompanies.length);
                company = russian ? pools.ruCompanies[c] : pools.enCompanies[c];
                domain = russian ? pools.ruCompanyDomains[c] : pools.enCompanyDomains[c] + "." + country.tld();
                jobTitle = r.nextInt(100) < 90 ? pick(r, russian ? Catalog.RU_TITLES : pools.enTitles) : null;
            } else {
                company = null;
                domain = null;
                jobTitle = null;
            }
            if (domain == null || r.nextInt(100) < 35) {
                domain = pick(r, russian ? Catalog.RU_FREE_MAIL : Catalog.EN_FREE_MAIL);
            }
            email = r.nextInt(100) < 96 ? emailLocalPart(r) + "@" + domain : null;
            phone = r.nextInt(100) < 88 ? phoneNumber(r, country.phone()) : null;
        }

        /**
         * The contact's sequence number ends the local part, after a letter, so addresses are unique by
         * construction (also case-insensitively: they are all lower case). The number is filled in when written.
         */
        private String emailLocalPart(SplittableRandom r) {
            String first = letters(russian ? transliterate(firstName) : firstName);
            String last = letters(russian ? transliterate(lastName) : lastName);
            if (first.isEmpty()) {
                first = "contact";
            }
            if (last.isEmpty()) {
                last = "lead";
            }
            return switch (r.nextInt(5)) {
                case 0 -> first + "." + last;
                case 1 -> first.charAt(0) + "." + last;
                case 2 -> first + last;
                case 3 -> last + "." + first;
                default -> first + "_" + last;
            };
        }

        private static String phoneNumber(SplittableRandom r, String pattern) {
            char[] out = pattern.toCharArray();
            for (int i = 0; i < out.length; i++) {
                if (out[i] == '#') {
                    out[i] = (char) ('0' + r.nextInt(10));
                } else if (out[i] == 'N') {
                    out[i] = (char) ('2' + r.nextInt(8));
                }
            }
            return new String(out);
        }

        // ------------------------------------------------------------ journey

        private void nextJourney() {
            SplittableRandom r = random;
            // more leads lately: half uniform over the period, half growing towards today
            double f = r.nextBoolean() ? r.nextDouble() : Math.sqrt(r.nextDouble());
            long day = start / DAY + (long) (f * (HISTORY / DAY - 1));
            createdAt = Math.min(day * DAY + businessTime(r), now - 3600);
            source = SOURCE_BAG[r.nextInt(SOURCE_BAG.length)];
            product = r.nextInt(100) < 90 ? Catalog.PRODUCTS[r.nextInt(Catalog.PRODUCTS.length)] : null;
            campaign = campaign(r);
            context = context(r);
            channel = channel(r);

            // ten leads for one sale; half discarded at first qualification; one qualified lead in four or five buys
            int roll = r.nextInt(1000);
            outcome = roll < 270 ? Outcome.UNQUALIFIED : roll < 480 ? Outcome.LOST_EARLY
                    : roll < 570 ? Outcome.LOST_LATE : roll < 690 ? Outcome.WON : Outcome.OPEN;
            lostReason = null;
            lostNote = null;
            closedAt = -1;
            reengagedAt = -1;
            long age = now - createdAt;
            switch (outcome) {
                case UNQUALIFIED -> {
                    closedAt = createdAt + Math.min(days(r, 0, 21), age / 2);
                    stage = 0;
                }
                case LOST_EARLY -> {
                    long lostAfter = days(r, 2, 45);
                    if (lostAfter < age) {
                        closedAt = createdAt + lostAfter;
                        previousStage = r.nextInt(2);
                        stage = LOST_STAGE;
                    } else {
                        outcome = Outcome.OPEN;
                        stage = r.nextInt(2);
                    }
                }
                case LOST_LATE -> {
                    long lostAfter = days(r, 20, 150);
                    if (lostAfter < age) {
                        closedAt = createdAt + lostAfter;
                        previousStage = 2 + r.nextInt(3);
                        stage = LOST_STAGE;
                    } else {
                        outcome = Outcome.OPEN;
                        stage = 2 + r.nextInt(2);
                    }
                }
                case WON -> {
                    long wonAfter = days(r, 14, 150);
                    if (wonAfter < age - DAY) {
                        closedAt = createdAt + wonAfter;
                        previousStage = 5 + r.nextInt(2);
                        stage = WON_STAGE;
                    } else {
                        outcome = Outcome.OPEN;
                        stage = 3 + r.nextInt(3);
                    }
                }
                case OPEN -> stage = weighted(r, OPEN_STAGE_WEIGHTS);
            }
            double activityWeight;
            int[] scoreRange;
            switch (outcome) {
                case UNQUALIFIED -> {
                    status = ContactStatus.UNQUALIFIED;
                    lifecycle = r.nextInt(100) < 60 ? LifecycleStage.SUBSCRIBER : LifecycleStage.LEAD;
                    activityWeight = 0.35;
                    peopleShare = 5;
                    scoreRange = new int[]{0, 35};
                }
                case LOST_EARLY -> {
                    status = ContactStatus.LOST;
                    lifecycle = r.nextInt(100) < 60 ? LifecycleStage.LEAD : LifecycleStage.MQL;
                    lostReason = pickReason(r, new int[]{20, 10, 0, 30, 30, 10});
                    activityWeight = 0.6;
                    peopleShare = 12;
                    scoreRange = new int[]{5, 45};
                }
                case LOST_LATE -> {
                    status = ContactStatus.LOST;
                    lifecycle = r.nextBoolean() ? LifecycleStage.SQL : LifecycleStage.OPPORTUNITY;
                    lostReason = pickReason(r, new int[]{30, 25, 30, 0, 10, 5});
                    activityWeight = 1.4;
                    peopleShare = 30;
                    scoreRange = new int[]{20, 65};
                }
                case WON -> {
                    status = ContactStatus.WON;
                    lifecycle = LifecycleStage.CUSTOMER;
                    activityWeight = 2.4;
                    peopleShare = 30;
                    scoreRange = new int[]{60, 100};
                }
                default -> {
                    status = ContactStatus.OPEN;
                    lifecycle = switch (stage) {
                        case 0 -> r.nextBoolean() ? LifecycleStage.SUBSCRIBER : LifecycleStage.LEAD;
                        case 1 -> r.nextBoolean() ? LifecycleStage.LEAD : LifecycleStage.MQL;
                        case 2 -> r.nextInt(100) < 40 ? LifecycleStage.MQL : LifecycleStage.SQL;
                        case 3 -> r.nextBoolean() ? LifecycleStage.SQL : LifecycleStage.OPPORTUNITY;
                        case 4 -> LifecycleStage.OPPORTUNITY;
                        default -> LifecycleStage.CUSTOMER; // paid or delivered, not yet closed as won
                    };
                    activityWeight = OPEN_STAGE_ACTIVITY[stage];
                    peopleShare = OPEN_STAGE_PEOPLE[stage];
                    scoreRange = OPEN_STAGE_SCORES[stage];
                }
            }
            if (lostReason != null) {
                lostNote = r.nextInt(100) < 60 ? lostNote(r) : null;
                // lost for budget, timing or a competitor: a third come back about six months later
                boolean mayReturn = lostReason == LostReason.BUDGET || lostReason == LostReason.TIMING
                        || lostReason == LostReason.COMPETITOR;
                long returnsAt = closedAt + days(r, 150, 210);
                if (mayReturn && r.nextInt(100) < 35 && returnsAt < now - DAY) {
                    reengagedAt = returnsAt;
                }
            }
            score = scoreRange[0] + r.nextInt(scoreRange[1] - scoreRange[0] + 1);
            if (reengagedAt >= 0) {
                score = Math.min(100, score + 15 + r.nextInt(16));
            }

            int dncChance = switch (outcome) {
                case UNQUALIFIED -> 8;
                case LOST_EARLY, LOST_LATE -> 5;
                default -> 1;
            };
            doNotContact = r.nextInt(100) < dncChance;
            if (doNotContact) {
                doNotContactReason = r.nextInt(Catalog.DNC_REASONS.length);
                doNotContactAt = createdAt + (long) (r.nextDouble() * (now - createdAt));
            }

            int unassignedChance = source == FirstTouchSource.INBOUND_CALL || source == FirstTouchSource.TRADE_SHOW
                    ? 0 : outcome == Outcome.UNQUALIFIED ? 40 : outcome == Outcome.OPEN && stage == 0 ? 35 : 5;
            if (owners.length == 0 || r.nextInt(100) < unassignedChance) {
                owner = null;
                // some unassigned leads already sit in a team's queue
                teamId = teams.length > 0 && r.nextInt(100) < 30 ? teams[r.nextInt(teams.length)] : null;
            } else {
                owner = owners[r.nextInt(owners.length)];
                teamId = owner.teamId();
            }
            allocate(r, activityWeight);
        }

        /** How many activities this contact gets: its weight times the mean still to distribute, exact in total. */
        private void allocate(SplittableRandom r, double weight) {
            long count;
            if (remainingContacts <= 1) {
                count = remainingActivities;
            } else {
                // log-normal spread with mean 1: most timelines are short, a few are long (but not absurdly)
                double spread = Math.min(20, Math.exp(0.8 * r.nextGaussian() - 0.32));
                double mean = (double) remainingActivities / remainingContacts;
                double wanted = weight * spread * mean;
                count = (long) wanted + (r.nextDouble() < wanted - Math.floor(wanted) ? 1 : 0);
                count = Math.min(count, remainingActivities);
            }
            remainingContacts--;
            remainingActivities -= count;
            if (count > events.length) {
                events = new long[(int) Math.max(count, events.length * 2L)];
            }
            eventCount = (int) count;
        }

        private static long days(SplittableRandom r, int from, int to) {
            return (from + r.nextInt(to - from + 1)) * DAY + r.nextInt((int) DAY);
        }

        /** Seconds into a day, mostly during office hours. */
        private static long businessTime(SplittableRandom r) {
            int hour = r.nextInt(100) < 85 ? 8 + r.nextInt(11) : r.nextInt(24);
            return hour * 3600L + r.nextInt(3600);
        }

        private String campaign(SplittableRandom r) {
            int[] choices = switch (source) {
                case WEB_FORM -> new int[]{1, 0, -1, -1};
                case EMAIL_CAMPAIGN -> new int[]{0, 1, 2, 3};
                case AD -> russian ? new int[]{5, 5, 0, 3} : new int[]{4, 4, 6, 0, 3};
                case SOCIAL -> russian ? new int[]{7} : new int[]{6};
                case TRADE_SHOW -> russian ? new int[]{9} : new int[]{8};
                case CONTENT_DOWNLOAD -> new int[]{10, 10, 11};
                case REFERRAL -> new int[]{12, -1};
                default -> new int[]{-1};
            };
            int c = choices[r.nextInt(choices.length)];
            return c < 0 ? null : Catalog.CAMPAIGNS[c];
        }

        private String context(SplittableRandom r) {
            String p = product == null ? (russian ? "наши продукты" : "our products") : product;
            String asset = Catalog.ASSETS[r.nextInt(Catalog.ASSETS.length)].in(russian);
            String via = campaign == null ? "" : campaign;
            if (russian) {
                return switch (source) {
                    case WEB_FORM -> "Заявка на демо " + p + " через форму на сайте";
                    case TRADE_SHOW -> "Разговор у нашего стенда, " + via + ": ждёт персональное предложение по " + p;
                    case CONTENT_DOWNLOAD -> "Скачивание «" + asset + "»: нужен полезный контент, а не жёсткие продажи";
                    case AD -> "Переход по рекламе «" + via + "», затем страница с ценами";
                    case SOCIAL -> "Вопрос про " + p + " в комментариях к нашему посту";
                    case EMAIL_CAMPAIGN -> "Переход по ссылке из рассылки «" + via + "»";
                    case INBOUND_CALL -> "Звонок в отдел продаж: сроки внедрения " + p;
                    case REFERRAL -> "Рекомендация нашего клиента";
                    case OTHER -> "Из списка участников партнёрского мероприятия";
                };
            }
            return switch (source) {
                case WEB_FORM -> "Requested a demo of " + p + " through the website form";
                case TRADE_SHOW -> "Talked to us at our stand at " + via + "; wants a personal offer on " + p;
                case CONTENT_DOWNLOAD -> "Downloaded “" + asset + "”: wants content, not a hard sell";
                case AD -> "Came from the ad “" + via + "” and read the pricing page";
                case SOCIAL -> "Asked about " + p + " in a comment on our LinkedIn post";
                case EMAIL_CAMPAIGN -> "Clicked through from “" + via + "”";
                case INBOUND_CALL -> "Called the sales line about " + p + " delivery times";
                case REFERRAL -> "Referred by an existing customer";
                case OTHER -> "Imported from a partner event's attendee list";
            };
        }

        private PreferredChannel channel(SplittableRandom r) {
            int roll = r.nextInt(100);
            return switch (source) {
                case INBOUND_CALL, TRADE_SHOW -> roll < 50 ? PreferredChannel.PHONE : roll < 80 ? PreferredChannel.EMAIL
                        : roll < 95 ? PreferredChannel.SMS_MESSENGER : PreferredChannel.SOCIAL;
                case SOCIAL -> roll < 40 ? PreferredChannel.SOCIAL : roll < 70 ? PreferredChannel.EMAIL
                        : roll < 90 ? PreferredChannel.SMS_MESSENGER : PreferredChannel.PHONE;
                default -> roll < 55 ? PreferredChannel.EMAIL : roll < 75 ? PreferredChannel.PHONE
                        : roll < 90 ? PreferredChannel.SMS_MESSENGER : PreferredChannel.SOCIAL;
            };
        }

        private static LostReason pickReason(SplittableRandom r, int[] weights) {
            return LostReason.values()[weighted(r, weights)];
        }

        private String lostNote(SplittableRandom r) {
            Text[] notes = switch (lostReason) {
                case BUDGET -> Catalog.LOST_NOTES_BUDGET;
                case TIMING -> Catalog.LOST_NOTES_TIMING;
                case COMPETITOR -> Catalog.LOST_NOTES_COMPETITOR;
                default -> Catalog.LOST_NOTES_OTHER;
            };
            return notes[r.nextInt(notes.length)].in(russian);
        }

        // ------------------------------------------------------------ timeline

        private static final int TYPE_BITS = 5;

        static {
            if (TYPES.length > 1 << TYPE_BITS) {
                throw new IllegalStateException("ActivityType outgrew the timeline packing: raise TYPE_BITS");
            }
        }

        private void nextTimeline() {
            SplittableRandom r = random;
            int k = eventCount;
            int n = 0;
            boolean hasOwner = owner != null;
            if (k == 0) {
                return;
            }
            events[n++] = event(createdAt, firstTouchType(hasOwner));
            if (closedAt >= 0 && n < k) {
                events[n++] = event(closedAt, ActivityType.FUNNEL_MOVE);
            }
            if (doNotContact && n < k) {
                events[n++] = event(doNotContactAt, ActivityType.CONSENT_CHANGE);
            }
            if (reengagedAt >= 0) {
                // came back: visits, downloads and clicks since about six months after the loss
                int back = Math.min(k - n, 1 + r.nextInt(4));
                for (int i = 0; i < back; i++) {
                    long at = between(r, reengagedAt, now);
                    ActivityType type = switch (r.nextInt(4)) {
                        case 0 -> ActivityType.CONTENT_DOWNLOAD;
                        case 1 -> ActivityType.EMAIL_CLICK;
                        case 2 -> ActivityType.FORM_SUBMIT;
                        default -> ActivityType.PAGE_VIEW;
                    };
                    events[n++] = event(at, allowed(type, at));
                }
            }
            long windowEnd = closedAt >= 0 ? closedAt : now;
            while (n < k) {
                // a customer keeps using the product and talking to support after the sale
                boolean afterSale = outcome == Outcome.WON && r.nextInt(100) < 20;
                long from = afterSale ? closedAt : createdAt;
                long to = afterSale ? now : windowEnd;
                long at = between(r, from, to);
                ActivityType type = allowed(randomType(r, hasOwner), at);
                if (type == ActivityType.CALL || type == ActivityType.MEETING || type == ActivityType.NOTE) {
                    at = Math.max(from, Math.min(to, Math.floorDiv(at, DAY) * DAY + businessTime(r)));
                }
                events[n++] = event(at, type);
            }
            Arrays.sort(events, 0, k);
        }

        private static long event(long second, ActivityType type) {
            return second << TYPE_BITS | type.ordinal();
        }

        private static long between(SplittableRandom r, long from, long to) {
            return to <= from ? from : from + r.nextLong(to - from + 1);
        }

        private ActivityType firstTouchType(boolean hasOwner) {
            return switch (source) {
                case WEB_FORM -> ActivityType.FORM_SUBMIT;
                case CONTENT_DOWNLOAD -> ActivityType.CONTENT_DOWNLOAD;
                case EMAIL_CAMPAIGN -> ActivityType.EMAIL_CLICK;
                case TRADE_SHOW -> hasOwner ? ActivityType.MEETING : ActivityType.FORM_SUBMIT;
                case INBOUND_CALL -> hasOwner ? ActivityType.CALL : ActivityType.FORM_SUBMIT;
                case REFERRAL -> hasOwner ? ActivityType.NOTE : ActivityType.FORM_SUBMIT;
                default -> ActivityType.PAGE_VIEW;
            };
        }

        private ActivityType randomType(SplittableRandom r, boolean hasOwner) {
            if (hasOwner && r.nextInt(100) < peopleShare) {
                int roll = r.nextInt(6);
                return roll < 3 ? ActivityType.CALL : roll < 5 ? ActivityType.NOTE : ActivityType.MEETING;
            }
            int roll = r.nextInt(100);
            return roll < 44 ? ActivityType.PAGE_VIEW : roll < 70 ? ActivityType.EMAIL_OPEN
                    : roll < 80 ? ActivityType.EMAIL_CLICK : roll < 89 ? ActivityType.CONTENT_DOWNLOAD
                    : roll < 94 ? ActivityType.FORM_SUBMIT : ActivityType.SURVEY_ANSWER;
        }

        /** After a do-not-contact request nobody e-mails or calls; the contact may still visit the site. */
        private ActivityType allowed(ActivityType type, long at) {
            if (doNotContact && at > doNotContactAt && (type == ActivityType.EMAIL_OPEN
                    || type == ActivityType.EMAIL_CLICK || type == ActivityType.CALL)) {
                return ActivityType.PAGE_VIEW;
            }
            return type;
        }

        // ------------------------------------------------------------ rows

        void writeContact(StringBuilder out, long id) {
            long lastActivity = eventCount == 0 ? -1 : events[eventCount - 1] >>> TYPE_BITS;
            out.append(id).append('\t');
            text(out, firstName);
            text(out, lastName);
            if (email == null) {
                out.append("\\N\t");
            } else {
                int at = email.indexOf('@');
                out.append(email, 0, at).append(id).append(email, at, email.length()).append('\t');
            }
            text(out, phone);
            text(out, company);
            text(out, jobTitle);
            text(out, country.code());
            text(out, city);
            text(out, product);
            text(out, channel.name());
            text(out, source.name());
            dateTime(out, createdAt);
            text(out, campaign);
            text(out, context);
            number(out, owner == null ? null : owner.id());
            number(out, teamId);
            text(out, lifecycle.name());
            text(out, FUNNEL[stage]);
            text(out, status.name());
            text(out, lostReason == null ? null : lostReason.name());
            text(out, lostNote);
            out.append(doNotContact ? "1\t" : "0\t");
            text(out, doNotContact ? Catalog.DNC_REASONS[doNotContactReason].in(russian) : null);
            dateTime(out, doNotContact ? doNotContactAt : -1);
            out.append(score).append('\t');
            text(out, (score < 40 ? Temperature.COLD : score < 70 ? Temperature.WARM : Temperature.HOT).name());
            dateTime(out, createdAt);
            // website and e-mail events update the profile too
            dateTime(out, Math.max(createdAt, lastActivity));
            dateTime(out, lastActivity);
            out.append("0\n");
        }

        long writeActivities(StringBuilder out, long contactId, long nextId) {
            SplittableRandom r = random;
            for (int i = 0; i < eventCount; i++) {
                long e = events[i];
                long at = e >>> TYPE_BITS;
                ActivityType type = TYPES[(int) (e & ((1 << TYPE_BITS) - 1))];
                out.append(nextId++).append('\t').append(contactId).append('\t').append(type.name()).append('\t');
                int dateStart = out.length();
                dates.append(out, at);
                int dateEnd = out.length();
                out.append('\t');
                switch (type) {
                    case PAGE_VIEW -> {
                        Event ev = pick(r, Catalog.PAGE_VIEWS);
                        api(out, "Website tracker", ev.summary(russian));
                        out.append(ev.payload(russian)).append(5 + r.nextInt(300)).append('}');
                    }
                    case CONTENT_DOWNLOAD -> web(out, "Website tracker", pick(r, Catalog.DOWNLOADS));
                    case FORM_SUBMIT -> web(out, "Website tracker", pick(r, Catalog.FORM_SUBMITS));
                    case SURVEY_ANSWER -> web(out, "Survey widget", pick(r, Catalog.SURVEY_ANSWERS));
                    case EMAIL_OPEN -> system(out, pick(r, Catalog.EMAIL_OPENS));
                    case EMAIL_CLICK -> system(out, pick(r, Catalog.EMAIL_CLICKS));
                    case CALL -> {
                        int outcome = weighted(r, CALL_WEIGHTS);
                        int seconds = outcome == 0 ? 60 + r.nextInt(1740) : outcome == 2 ? 15 + r.nextInt(45) : 0;
                        boolean inbound = i == 0 || r.nextInt(100) < 20;
                        person(out, Catalog.CALL_SUMMARIES[outcome].in(russian));
                        out.append(Catalog.CALL_PAYLOAD_PREFIX[outcome][inbound ? 1 : 0]).append(seconds).append('}');
                    }
                    case NOTE -> byPerson(out, Catalog.NOTE_EVENTS[r.nextInt(customer()
                            ? Catalog.NOTE_EVENTS.length : Catalog.NOTE_EVENTS.length - 1)]);
                    case MEETING -> byPerson(out, Catalog.MEETING_EVENTS[r.nextInt(meetingChoices())]);
                    case FUNNEL_MOVE -> funnelMove(out);
                    case CONSENT_CHANGE -> {
                        Event ev = Catalog.CONSENT_EVENTS[doNotContactReason];
                        if (owner == null || Catalog.DNC_BY_SYSTEM[doNotContactReason]) {
                            out.append("SYSTEM\t\\N\t\\N\t");
                        } else {
                            out.append("USER\t").append(owner.id()).append('\t').append(owner.displayName())
                                    .append('\t');
                        }
                        out.append(ev.summary(russian)).append('\t').append(ev.payload(russian));
                    }
                    default -> throw new IllegalStateException("not generated: " + type);
                }
                out.append('\t').append(out, dateStart, dateEnd).append('\n');
            }
            return nextId;
        }

        private static final int[] CALL_WEIGHTS = {55, 20, 15, 7, 3};

        private boolean customer() {
            return outcome == Outcome.WON || stage == 5 || stage == 6;
        }

        /** Discovery and demos early on; contract review once an offer is out; onboarding and reviews for customers. */
        private int meetingChoices() {
            int perTitle = Catalog.MEETING_EVENTS.length / Catalog.MEETINGS.length;
            int titles = customer() ? Catalog.MEETINGS.length
                    : outcome == Outcome.LOST_LATE || stage == 3 || stage == 4 ? 5 : 4;
            return titles * perTitle;
        }

        private void web(StringBuilder out, String label, Event ev) {
            api(out, label, ev.summary(russian));
            out.append(ev.payload(russian));
        }

        private static void api(StringBuilder out, String label, String summary) {
            out.append(AuthorKind.API.name()).append("\t\\N\t").append(label).append('\t').append(summary).append('\t');
        }

        private void system(StringBuilder out, Event ev) {
            out.append(AuthorKind.SYSTEM.name()).append("\t\\N\t\\N\t").append(ev.summary(russian)).append('\t')
                    .append(ev.payload(russian));
        }

        private void person(StringBuilder out, String summary) {
            out.append(AuthorKind.USER.name()).append('\t').append(owner.id()).append('\t')
                    .append(owner.displayName()).append('\t').append(summary).append('\t');
        }

        private void byPerson(StringBuilder out, Event ev) {
            person(out, ev.summary(russian));
            out.append(ev.payload(russian));
        }

        /** The closing move, in the shape ContactService records field changes. */
        private void funnelMove(StringBuilder out) {
            if (owner == null) {
                out.append(AuthorKind.SYSTEM.name()).append("\t\\N\t\\N\t");
            } else {
                out.append(AuthorKind.USER.name()).append('\t').append(owner.id()).append('\t')
                        .append(owner.displayName()).append('\t');
            }
            String to = status.name();
            if (outcome == Outcome.UNQUALIFIED) {
                out.append("status\t[{\"field\":\"status\",\"oldValue\":\"OPEN\",\"newValue\":\"").append(to)
                        .append("\"}]");
                return;
            }
            out.append(lostReason == null ? "funnelStage, status" : "funnelStage, status, lostReason")
                    .append("\t[{\"field\":\"funnelStage\",\"oldValue\":\"").append(FUNNEL[previousStage])
                    .append("\",\"newValue\":\"").append(FUNNEL[stage]).append("\"},")
                    .append("{\"field\":\"status\",\"oldValue\":\"OPEN\",\"newValue\":\"").append(to).append("\"}");
            if (lostReason != null) {
                out.append(",{\"field\":\"lostReason\",\"oldValue\":null,\"newValue\":\"").append(lostReason.name())
                        .append("\"}");
            }
            out.append(']');
        }

        private static void text(StringBuilder out, String value) {
            if (value == null) {
                out.append("\\N\t");
            } else {
                out.append(value).append('\t');
            }
        }

        private static void number(StringBuilder out, Long value) {
            if (value == null) {
                out.append("\\N\t");
            } else {
                out.append(value.longValue()).append('\t');
            }
        }

        private void dateTime(StringBuilder out, long second) {
            if (second < 0) {
                out.append("\\N\t");
            } else {
                dates.append(out, second);
                out.append('\t');
            }
        }
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static int weighted(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
