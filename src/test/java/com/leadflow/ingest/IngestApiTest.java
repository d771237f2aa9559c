package com.leadflow.ingest;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingestion API through a real HTTP port: keys, validation, idempotency, rate limit, forms. */
class IngestApiTest extends AbstractIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.leadflow.timeline.ContactReevaluationQueue reevaluation;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Long> keyIds = new ArrayList<>();
    private String marker;
    private ContactForm contact;

    @BeforeEach
    void createContact() {
        marker = ContactFixtures.marker().toLowerCase();
        ContactForm form = ContactFixtures.contact("Ingrid", "Apieva", marker);
        form.setEmail("ingrid." + marker + "@example.com");
        contact = as("admin", () -> contacts.create(form));
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        // the background re-evaluation of these contacts finishes first: the delete scans and locks every contact
        reevaluation.awaitIdle(java.time.Duration.ofSeconds(60));
        jdbc.update("DELETE FROM contact WHERE email LIKE ?", "%" + marker + "%");
        for (long id : keyIds) {
            jdbc.update("DELETE FROM api_key WHERE id = ?", id);
        }
    }

    private String key(Set<ApiScope> scopes, int perMinute) {
        CreatedApiKey created = as("admin", () -> keys.create("test " + marker, scopes, perMinute));
        keyIds.add(created.key().id());
        return created.secret();
    }

    private String eventsKey() {
        return key(EnumSet.of(ApiScope.EVENTS), 600);
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private Answer post(String path, String key, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response);
    }

    private int activities(String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = ?", Integer.class,
                contact.getId(), type);
    }

    private List<String> badFields(Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.body().path("fields").forEach(f -> fields.add(f.path("field").asString()));
        return fields;
    }

    @Test
    void aValidBatchLandsOnTheTimelineAuthoredByTheKeyAndMovesLastActivity() throws Exception {
        String key = eventsKey();
        Instant at = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"events": [
                  {"type": "PAGE_VIEW", "contactId": %d, "occurredAt": "%s",
                   "attributes": {"url": "https://example.com/pricing", "utmSource": "google", "utmMedium": "cpc"}},
                  {"type": "EMAIL_OPEN", "email": "%s", "attributes": {"campaign": "Spring", "subject": "Hello"}},
                  {"type": "SURVEY_ANSWER", "email": "%s", "attributes": {"question": "Budget?", "answer": "Yes"}}
                ]}""".formatted(contact.getId(), at, contact.getEmail().toUpperCase(), contact.getEmail());

        Answer answer = post("/api/v1/events", key, body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(3);
        assertThat(activities("PAGE_VIEW")).isEqualTo(1);
        assertThat(activities("EMAIL_OPEN")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT author_kind FROM activity WHERE contact_id = ? AND type = 'PAGE_VIEW'",
                String.class, contact.getId())).isEqualTo("API");
        assertThat(jdbc.queryForObject("SELECT JSON_VALUE(payload, '$.url') FROM activity WHERE contact_id = ? AND type = 'PAGE_VIEW'",
                String.class, contact.getId())).isEqualTo("https://example.com/pricing");
        assertThat(jdbc.queryForObject("SELECT last_activity_at FROM contact WHERE id = ?", java.sql.Timestamp.class,
                contact.getId()).toInstant()).isAfter(at);
        assertThat(jdbc.queryForObject("SELECT last_used_at IS NOT NULL FROM api_key WHERE id = ?", Boolean.class,
                keyIds.getFirst())).isTrue();
    }

    @Test
    void aBadRequestNamesEachBadFieldAndWritesNothing() throws Exception {
        String key = eventsKey();
        String body = """
                [
                  {"type": "PAGE_VIEW", "contactId": %d, "attributes": {"url": "https://example.com/ok"}},
                  {"type": "TELEPATHY", "contactId": %d},
                  {"type": "PAGE_VIEW", "contactId": %d},
                  {"type": "EMAIL_OPEN", "email": "not-an-email", "attributes": {"campaign": "x", "colour": "red"}},
                  {"type": "PAGE_VIEW", "contactId": %d, "occurredAt": "yesterday", "attributes": {"url": "u"}},
                  {"type": "PAGE_VIEW", "contactId": 999999999, "attributes": {"url": "u"}},
                  {"type": "PAGE_VIEW", "attributes": {"url": "u"}}
                ]""".formatted(contact.getId(), contact.getId(), contact.getId(), contact.getId());

        Answer answer = post("/api/v1/events", key, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asString()).isEqualTo("validation_failed");
        assertThat(badFields(answer)).containsExactlyInAnyOrder("[1].type", "[2].attributes.url", "[3].email",
                "[3].attributes.colour", "[4].occurredAt", "[5].contactId", "[6].contactId");
        assertThat(activities("PAGE_VIEW")).isZero(); // the good first event was not written either
    }

    @Test
    void malformedJsonAndOversizedBatchesAreRefusedClearly() throws Exception {
        String key = eventsKey();
        Answer broken = post("/api/v1/events", key, "{\"type\": \"PAGE_VIEW\",");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(badFields(broken)).containsExactly("body");

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= IngestService.MAX_BATCH; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"type\":\"PAGE_VIEW\",\"contactId\":").append(contact.getId())
                    .append(",\"attributes\":{\"url\":\"u\"}}");
        }
        Answer big = post("/api/v1/events", key, tooMany.append("]").toString());
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.body().path("fields").get(0).path("message").asString()).contains("at most 1000");
    }

    @Test
    void wrongMissingRevokedOrUnscopedKeysAreRefused() throws Exception {
        String body = "{\"type\": \"PAGE_VIEW\", \"contactId\": " + contact.getId() + ", \"attributes\": {\"url\": \"u\"}}";
        assertThat(post("/api/v1/events", null, body).status()).isEqualTo(401);
        assertThat(post("/api/v1/events", "lf_thisIsNotAKeyAtAll0000000000000000000000", body).status()).isEqualTo(401);

        String formsOnly = key(EnumSet.of(ApiScope.FORMS), 600);
        Answer unscoped = post("/api/v1/events", formsOnly, body);
        assertThat(unscoped.status()).isEqualTo(403);
        assertThat(unscoped.body().path("error").asString()).isEqualTo("forbidden");

        String revoked = eventsKey();
        assertThat(post("/api/v1/events", revoked, body).status()).isEqualTo(200);
        as("admin", () -> {
            keys.revoke(keyIds.getLast());
            return null;
        });
        Answer afterRevoke = post("/api/v1/events", revoked, body);
        assertThat(afterRevoke.status()).isEqualTo(403);
        assertThat(afterRevoke.body().path("error").asString()).isEqualTo("api_key_revoked");
        assertThat(activities("PAGE_VIEW")).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyWritesNothingTwice() throws Exception {
        String key = eventsKey();
        String body = "[{\"type\": \"PAGE_VIEW\", \"contactId\": " + contact.getId() + ", \"attributes\": {\"url\": \"a\"}},"
                + "{\"type\": \"PAGE_VIEW\", \"contactId\": " + contact.getId() + ", \"attributes\": {\"url\": \"b\"}}]";

        Answer first = post("/api/v1/events", key, body, "Idempotency-Key", "batch-" + marker);
        Answer retry = post("/api/v1/events", key, body, "Idempotency-Key", "batch-" + marker);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(activities("PAGE_VIEW")).isEqualTo(2);

        // without the header, the sender's own event ids keep a re-sent event from being stored twice
        String withIds = "[{\"type\": \"PAGE_VIEW\", \"eventId\": \"e1\", \"contactId\": " + contact.getId()
                + ", \"attributes\": {\"url\": \"c\"}}]";
        assertThat(post("/api/v1/events", key, withIds).body().path("accepted").asInt()).isEqualTo(1);
        Answer again = post("/api/v1/events", key, withIds);
        assertThat(again.body().path("accepted").asInt()).isZero();
        assertThat(again.body().path("duplicates").asInt()).isEqualTo(1);
        assertThat(activities("PAGE_VIEW")).isEqualTo(3);
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfter() throws Exception {
        String key = key(EnumSet.of(ApiScope.EVENTS), 2);
        String body = "{\"type\": \"PAGE_VIEW\", \"contactId\": " + contact.getId() + ", \"attributes\": {\"url\": \"u\"}}";
        assertThat(post("/api/v1/events", key, body).status()).isEqualTo(200);
        assertThat(post("/api/v1/events", key, body).status()).isEqualTo(200);
        Answer limited = post("/api/v1/events", key, body);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("error").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(activities("PAGE_VIEW")).isEqualTo(2);
    }

    @Test
    void anUnknownEmailCreatesAContactOnlyWhereTheScopeAllows() throws Exception {
        String newEmail = "new." + marker + "@example.com";
        String body = "{\"type\": \"CONTENT_DOWNLOAD\", \"email\": \"" + newEmail + "\", \"firstName\": \"Nadia\","
                + " \"attributes\": {\"asset\": \"Pricing guide\", \"utmCampaign\": \"spring-sale\"}}";
        Answer refused = post("/api/v1/events", eventsKey(), body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(badFields(refused)).containsExactly("email");

        Answer created = post("/api/v1/events", key(EnumSet.of(ApiScope.EVENTS, ApiScope.CREATE_CONTACTS), 600), body);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("contactsCreated").asInt()).isEqualTo(1);
        // the event's re-evaluation runs in the background, once per contact
        assertThat(reevaluation.awaitIdle(java.time.Duration.ofSeconds(30))).isTrue();
        var row = jdbc.queryForMap("SELECT id, first_name, first_touch_source, first_touch_campaign FROM contact WHERE email = ?",
                newEmail);
        assertThat(row.get("first_name")).isEqualTo("Nadia");
        assertThat(row.get("first_touch_source")).isEqualTo("CONTENT_DOWNLOAD");
        assertThat(row.get("first_touch_campaign")).isEqualTo("spring-sale");
        assertThat(jdbc.queryForList("SELECT CONCAT(type, '/', author_kind) FROM activity WHERE contact_id = ? ORDER BY id",
                String.class, row.get("id"))).startsWith("CONTACT_CREATED/API", "CONTENT_DOWNLOAD/API")
                .contains("SCORE_CHANGE/SYSTEM"); // the event re-scored the new contact at once
    }

    @Test
    void aWebFormCreatesItsContactWithFirstTouchThenUpdatesIt() throws Exception {
        String key = key(EnumSet.of(ApiScope.FORMS), 600);
        String email = "form." + marker + "@example.com";
        Answer first = post("/api/v1/forms/demo-request", key, """
                {"email": "%s", "name": "Oleg Formin", "company": "Formin LLC", "url": "https://example.com/demo",
                 "utmSource": "newsletter", "utmCampaign": "autumn", "fields": {"Team size": "50"}}""".formatted(email));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("created").asBoolean()).isTrue();
        long id = first.body().path("contactId").asLong();
        var row = jdbc.queryForMap("SELECT first_name, last_name, company, first_touch_source, first_touch_campaign,"
                + " first_touch_at FROM contact WHERE id = ?", id);
        assertThat(row.get("first_name")).isEqualTo("Oleg");
        assertThat(row.get("last_name")).isEqualTo("Formin");
        assertThat(row.get("first_touch_source")).isEqualTo("WEB_FORM");
        assertThat(row.get("first_touch_campaign")).isEqualTo("autumn");
        assertThat(row.get("first_touch_at")).isNotNull();

        Answer second = post("/api/v1/forms/demo-request", key, """
                {"email": "%s", "jobTitle": "CTO", "utmCampaign": "winter"}""".formatted(email.toUpperCase()));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("contactId").asLong()).isEqualTo(id);
        var after = jdbc.queryForMap("SELECT job_title, company, first_touch_campaign FROM contact WHERE id = ?", id);
        assertThat(after.get("job_title")).isEqualTo("CTO");
        assertThat(after.get("company")).isEqualTo("Formin LLC"); // not blanked by a form that did not ask
        assertThat(after.get("first_touch_campaign")).isEqualTo("autumn"); // the first touch stays the first
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'FORM_SUBMIT'",
                Integer.class, id)).isEqualTo(2);

        Answer bad = post("/api/v1/forms/demo%20request", key, "{\"email\": \"x\", \"country\": \"Germany\", \"shoeSize\": 9}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(badFields(bad)).contains("formKey");
        Answer badFields = post("/api/v1/forms/demo-request", key, "{\"email\": \"x\", \"country\": \"Germany\", \"shoeSize\": 9}");
        assertThat(badFields.status()).isEqualTo(400);
        assertThat(badFields(badFields)).containsExactlyInAnyOrder("email", "country", "shoeSize");
    }

    @Test
    void theOpenApiDescriptionIsServedWithoutAKey() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/openapi.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("paths").has("/api/v1/events")).isTrue();
    }
}
