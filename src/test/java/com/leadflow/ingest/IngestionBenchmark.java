package com.leadflow.ingest;

import com.leadflow.contact.ContactImportMode;
import com.leadflow.importing.ContactImportService;
import com.leadflow.importing.ImportField;
import com.leadflow.importing.ImportJob;
import com.leadflow.importing.ImportMapping;
import com.leadflow.security.LeadflowUserDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark, not a test: sustained ingestion through the real HTTP endpoint (with live re-evaluation of score,
 * lifecycle and segments on), POST → push latency to an open timeline in a real browser, and a 100,000-row CSV
 * import, on the benchmark database. Prints figures; asserts nothing:
 * <pre>flock /tmp/leadflow-bench.lock ./mvnw -o -q test -Dtest=IngestionBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Not {@code @BenchmarkDatabase}: that starts no HTTP server, and these figures must go through a real port. The
 * properties are the same. Everything it creates (contacts with their timelines, the key) is deleted at the end.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "leadflow.db.data-dir=${user.home}/.leadflow/bench/data",
        "leadflow.db.port=3310",
        "leadflow.db.fresh=false",
        "leadflow.db.buffer-pool-size=4G",
        "leadflow.demo.enabled=true",
        "leadflow.demo.contacts=0",
        "leadflow.segments.time-check-interval=PT24H",
        "vaadin.launch-browser=false"
})
class IngestionBenchmark {

    static final int CONTACTS = 20_000;
    static final int BATCH = 500;
    static final int CLIENTS = 4;
    static final Duration SUSTAIN = Duration.ofSeconds(40);

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    ContactImportService imports;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.leadflow.timeline.ContactReevaluationQueue reevaluation;

    private final String marker = "bench" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Long keyId;

    private void as(String username) {
        LeadflowUserDetails u = (LeadflowUserDetails) users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(u, null, u.getAuthorities()));
    }

    /** How long the background re-evaluation takes to catch up (capped, so the bench lock is not held for long). */
    private String drained(Duration cap) throws InterruptedException {
        int backlog = reevaluation.backlog();
        long start = System.nanoTime();
        boolean idle = reevaluation.awaitIdle(cap);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return idle ? String.format("re-evaluation backlog of %,d contacts drained %,d ms later", backlog, ms)
                : String.format("re-evaluation backlog of %,d contacts, still %,d after %,d ms", backlog,
                reevaluation.backlog(), ms);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        reevaluation.awaitIdle(Duration.ofMinutes(2));
        long start = System.nanoTime();
        List<Long> ids = jdbc.queryForList("SELECT id FROM contact WHERE email LIKE ?", Long.class, "%@" + marker + ".example");
        for (int from = 0; from < ids.size(); from += 2000) {
            String in = String.join(",", ids.subList(from, Math.min(ids.size(), from + 2000)).stream().map(String::valueOf).toList());
            jdbc.update("DELETE FROM contact WHERE id IN (" + in + ")"); // timelines, memberships, histories cascade
        }
        if (keyId != null) {
            jdbc.update("DELETE FROM activity WHERE api_key_id = ?", keyId);
            jdbc.update("DELETE FROM api_key WHERE id = ?", keyId);
        }
        jdbc.update("DELETE FROM import_job WHERE file_name LIKE ?", "%" + marker + "%");
        System.out.printf("  cleanup: %,d benchmark contacts removed in %,d ms%n", ids.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void ingestionPushAndImport() throws Exception {
        System.out.printf("%nIngestion benchmark on %,d contacts, %,d activities; load %s%n",
                jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class),
                jdbc.queryForObject("SELECT COUNT(*) FROM activity", Long.class),
                Files.readString(new File("/proc/loadavg").toPath()).strip());
        as("admin");
        CreatedApiKey key = keys.create("benchmark " + marker, EnumSet.of(ApiScope.EVENTS), 100_000);
        keyId = key.key().id();
        List<Long> ids = createContacts();

        sustained(key.secret(), ids, 1, "every event of a batch for another contact");
        sustained(key.secret(), ids, 10, "ten events per contact in a batch");
        pushLatency(key.secret(), ids);
        csvImport();
    }

    private List<Long> createContacts() {
        long start = System.nanoTime();
        jdbc.update("""
                INSERT INTO contact (first_name, last_name, email, preferred_channel, lifecycle_stage, funnel_stage,
                                     status, created_at, updated_at)
                SELECT 'Bench', CONCAT('Ingest ', seq), CONCAT('c', seq, '@', ?, '.example'), 'EMAIL', 'SUBSCRIBER',
                       'UNINTERESTED', 'OPEN', NOW(6), NOW(6)
                FROM seq_1_to_%d""".formatted(CONTACTS), marker);
        List<Long> ids = jdbc.queryForList("SELECT id FROM contact WHERE email LIKE ?", Long.class, "%@" + marker + ".example");
        System.out.printf("  %,d benchmark contacts created in %,d ms%n", ids.size(), (System.nanoTime() - start) / 1_000_000);
        return ids;
    }

    private static String batch(List<Long> ids, int perContact) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder body = new StringBuilder("{\"events\":[");
        long contactId = 0;
        for (int i = 0; i < BATCH; i++) {
            if (i % perContact == 0) {
                contactId = ids.get(r.nextInt(ids.size()));
            }
            body.append(i == 0 ? "" : ",").append("{\"type\":\"PAGE_VIEW\",\"contactId\":").append(contactId)
                    .append(",\"attributes\":{\"url\":\"https://example.com/p/").append(r.nextInt(200))
                    .append("\",\"utmSource\":\"bench\",\"seconds\":").append(r.nextInt(300)).append("}}");
        }
        return body.append("]}").toString();
    }

    private HttpResponse<String> post(String secret, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void sustained(String secret, List<Long> ids, int perContact, String label) throws Exception {
        post(secret, batch(ids, perContact)); // warm-up
        AtomicLong events = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    String body = batch(ids, perContact);
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = post(secret, body);
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    if (response.statusCode() == 200) {
                        events.addAndGet(BATCH);
                    } else {
                        failures.incrementAndGet();
                        System.out.println("    " + response.statusCode() + " " + response.body());
                    }
                }
                return null;
            }));
        }
        Thread.sleep(SUSTAIN.toMillis());
        stop.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("  sustained ingestion, %s (%d clients, batches of %d, %.0f s): %,d events, %.0f events/s;"
                        + " request p50 %d ms, p95 %d ms; %d failed; load %s%n", label, CLIENTS, BATCH, seconds,
                events.get(), events.get() / seconds, sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.95)), failures.get(),
                Files.readString(new File("/proc/loadavg").toPath()).strip());
        System.out.println("    " + drained(Duration.ofSeconds(60)));
    }

    /** POST one event for a contact whose profile is open in a real browser; time until its entry is on screen. */
    private void pushLatency(String secret, List<Long> ids) throws Exception {
        if (!new File("/usr/bin/chromium").canExecute()) {
            System.out.println("  push latency: skipped (no Chromium)");
            return;
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("leadflow-bench-chromium"));
        WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService background = Executors.newFixedThreadPool(2);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
            driver.get("http://localhost:" + port + "/login");
            wait.until(d -> d.findElement(By.cssSelector("vaadin-login-form input[name='username']"))).sendKeys("admin");
            driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("leadflow", Keys.ENTER);
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
            long watched = ids.getFirst();
            driver.get("http://localhost:" + port + "/contact/" + watched);
            WebElement entries = wait.until(d -> d.findElement(By.id("timeline-entries")));
            // the same ingestion load as above keeps running meanwhile
            for (int c = 0; c < 2; c++) {
                background.submit(() -> {
                    while (!stop.get()) {
                        post(secret, batch(ids.subList(1, ids.size()), 1));
                    }
                    return null;
                });
            }
            Thread.sleep(2000);
            List<Long> samples = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String url = "https://example.com/watched/" + marker + "/" + i;
                String body = "{\"type\":\"PAGE_VIEW\",\"contactId\":" + watched + ",\"attributes\":{\"url\":\"" + url + "\"}}";
                long t0 = System.nanoTime();
                post(secret, body);
                new WebDriverWait(driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(10))
                        .until(d -> entries.getText().contains(url));
                samples.add((System.nanoTime() - t0) / 1_000_000);
                Thread.sleep(200);
            }
            Collections.sort(samples);
            System.out.printf("  POST → entry visible on an open timeline (real browser, under ingestion load): "
                            + "p50 %d ms, p95 %d ms, max %d ms (20 samples); load %s%n", samples.get(10),
                    samples.get(18), samples.get(19), Files.readString(new File("/proc/loadavg").toPath()).strip());
        } finally {
            stop.set(true);
            background.shutdown();
            background.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
            driver.quit();
        }
    }

    private void csvImport() throws Exception {
        as("maria");
        int rows = 100_000;
        StringBuilder csv = new StringBuilder("First name;Last name;Email;Company;Country;City;Source\n");
        String[] sources = {"WEB_FORM", "TRADE_SHOW", "AD", "REFERRAL"};
        for (int i = 0; i < rows; i++) {
            csv.append("Имя").append(i).append(";Фамилия").append(i).append(";i").append(i).append('@').append(marker)
                    .append(".example;Компания ").append(i % 997).append(";RU;Москва;").append(sources[i % 4]).append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        Map<ImportField, Integer> columns = new EnumMap<>(ImportField.class);
        columns.put(ImportField.FIRST_NAME, 0);
        columns.put(ImportField.LAST_NAME, 1);
        columns.put(ImportField.EMAIL, 2);
        columns.put(ImportField.COMPANY, 3);
        columns.put(ImportField.COUNTRY, 4);
        columns.put(ImportField.CITY, 5);
        columns.put(ImportField.FIRST_TOUCH_SOURCE, 6);
        long start = System.nanoTime();
        ImportJob job = imports.importNow(file, "bench-" + marker + ".csv", new ImportMapping(columns),
                ContactImportMode.CREATE_AND_UPDATE, Locale.ENGLISH);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  CSV import of %,d rows (%,d KB): %s, created %,d, rejected %,d in %.1f s (%.0f rows/s); load %s%n",
                rows, file.length / 1024, job.status(), job.created(), job.rejected(), seconds, rows / seconds,
                Files.readString(new File("/proc/loadavg").toPath()).strip());
        System.out.println("    routing/score/lifecycle/segments of the new contacts: " + drained(Duration.ofSeconds(90)));
    }
}
