package com.leadflow.ingest;

import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.OutsideContactResult;
import com.leadflow.security.ApiKeyPrincipal;
import com.leadflow.security.Roles;
import com.leadflow.timeline.ActivityType;
import com.leadflow.timeline.IngestedActivity;
import com.leadflow.timeline.TimelineService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ingestion API's work: validates a whole request first (every bad field is reported, nothing is written),
 * then writes it in one transaction — events onto timelines, web forms onto contacts — and keeps the answer for an
 * {@code Idempotency-Key}, so a retry gets the same answer and writes nothing twice.
 */
@Service
public class IngestService {

    public static final int MAX_BATCH = 1000;
    static final int MAX_ATTRIBUTE = 1000;
    /** Event types external systems may send (people's entries and system changes are written inside Leadflow). */
    static final Set<ActivityType> EVENT_TYPES = Set.of(ActivityType.PAGE_VIEW, ActivityType.CONTENT_DOWNLOAD,
            ActivityType.FORM_SUBMIT, ActivityType.SURVEY_ANSWER, ActivityType.EMAIL_SENT, ActivityType.EMAIL_OPEN,
            ActivityType.EMAIL_CLICK, ActivityType.CALL_TRACKED, ActivityType.EMAIL_REPLY, ActivityType.EMAIL_BOUNCED);
    /** What the mail system reports about mail to a known address: these never create a contact. */
    static final Set<ActivityType> KNOWN_CONTACT_ONLY = Set.of(ActivityType.EMAIL_REPLY, ActivityType.EMAIL_BOUNCED);
    /** A bounce's kind: a hard one (the default) sets do-not-contact, a soft one is only recorded. */
    static final Set<String> BOUNCE_TYPES = Set.of("hard", "soft");
    /** Attributes an event may carry; the rules engine reads url, asset, campaign, form, question, answer. */
    static final Set<String> ATTRIBUTES = Set.of("url", "referrer", "title", "seconds", "asset", "format", "campaign",
            "subject", "form", "utmSource", "utmMedium", "utmCampaign", "question", "answer", "callLocation",
            "callChannel", "callPage", "durationSeconds", "bounceType", "diagnostic");
    /** Per type, the attribute it cannot do without. */
    static final Map<ActivityType, List<String>> REQUIRED = Map.of(
            ActivityType.PAGE_VIEW, List.of("url"),
            ActivityType.CONTENT_DOWNLOAD, List.of("asset"),
            ActivityType.FORM_SUBMIT, List.of("form"),
            ActivityType.SURVEY_ANSWER, List.of("question", "answer"),
            ActivityType.EMAIL_SENT, List.of("campaign"),
            ActivityType.EMAIL_OPEN, List.of("campaign"),
            ActivityType.EMAIL_CLICK, List.of("campaign", "url"));
    static final Set<String> EVENT_FIELDS = Set.of("type", "contactId", "email", "occurredAt", "eventId",
            "attributes", "firstName", "lastName");
    static final Set<String> FORM_FIELDS = Set.of("email", "firstName", "lastName", "name", "phone", "company",
            "jobTitle", "country", "city", "productInterest", "url", "utmSource", "utmMedium", "utmCampaign",
            "campaign", "source", "submittedAt", "fields");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final Pattern FORM_KEY = Pattern.compile("^[A-Za-z0-9_-]{1,60}$");
    /** Clocks differ: an event a little in the future is accepted, one far ahead is a sender's bug. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final ContactService contacts;
    private final TimelineService timeline;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    IngestService(ContactService contacts, TimelineService timeline, JdbcTemplate jdbc, Clock clock) {
        this.contacts = contacts;
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The answer stored for this key's earlier request with the same idempotency key, if any. */
    @PreAuthorize(Roles.API_EVENTS_OR_FORMS)
    @Transactional(readOnly = true)
    public Optional<IngestResponse> earlierAnswer(String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT status, response_body FROM api_idempotency WHERE api_key_id = ? AND idempotency_key = ?",
                (rs, row) -> new IngestResponse(rs.getInt(1), rs.getString(2)), key().keyId(), idempotencyKey)
                .stream().findFirst();
    }

    /** {@code POST /api/v1/events}: one event object, {@code {"events": [...]}}, or a JSON array of events. */
    @PreAuthorize(Roles.API_EVENTS)
    @Transactional
    public IngestResponse ingestEvents(JsonNode body, String idempotencyKey) {
        ApiKeyPrincipal key = key();
        List<ApiErrors.FieldError> errors = new ArrayList<>();
        JsonNode list;
        String prefix;
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw invalid("body", "send one event, a JSON array of events, or {\"events\": [...]}");
        } else if (body.isArray()) {
            list = body;
            prefix = "";
        } else if (body.isObject() && body.has("events")) {
            list = body.get("events");
            prefix = "events";
            if (!list.isArray()) {
                throw invalid("events", "must be an array of events");
            }
            body.propertyNames().forEach(name -> {
                if (!name.equals("events")) {
                    errors.add(new ApiErrors.FieldError(name, "unknown field"));
                }
            });
        } else if (body.isObject()) {
            list = ApiErrors.JSON.createArrayNode().add(body);
            prefix = null; // a single event: its fields are named without an index
        } else {
            throw invalid("body", "send one event, a JSON array of events, or {\"events\": [...]}");
        }
        if (list.isEmpty()) {
            throw invalid(prefix == null || prefix.isEmpty() ? "body" : prefix, "at least one event is required");
        }
        if (list.size() > MAX_BATCH) {
            throw invalid(prefix == null || prefix.isEmpty() ? "body" : prefix,
                    "at most " + MAX_BATCH + " events per request (got " + list.size() + ")");
        }

        List<ParsedEvent> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = prefix == null ? "" : prefix + "[" + i + "].";
            parsed.add(parseEvent(list.get(i), path, errors));
        }
        // contacts: by id (must exist) or by email (must exist unless the key may create contacts)
        Set<Long> existing = contacts.existingIds(parsed.stream().filter(p -> p != null && p.contactId != null)
                .map(p -> p.contactId).toList());
        Map<String, Long> byEmail = contacts.idsByEmail(parsed.stream().filter(p -> p != null && p.email != null)
                .map(p -> p.email).toList());
        boolean mayCreate = key.scopes().contains(ApiScope.CREATE_CONTACTS.name());
        for (ParsedEvent p : parsed) {
            if (p == null) {
                continue;
            }
            if (p.contactId != null && !existing.contains(p.contactId)) {
                errors.add(new ApiErrors.FieldError(p.path + "contactId", "no contact has this id"));
            }
            if (p.email != null && !byEmail.containsKey(p.email) && KNOWN_CONTACT_ONLY.contains(p.type)) {
                errors.add(new ApiErrors.FieldError(p.path + "email",
                        "no contact has this email (" + p.type.name() + " events never create contacts)"));
            } else if (p.email != null && !byEmail.containsKey(p.email) && !mayCreate) {
                errors.add(new ApiErrors.FieldError(p.path + "email",
                        "no contact has this email, and this API key may not create contacts"));
            }
        }
        if (!errors.isEmpty()) {
            throw new IngestValidationException(errors);
        }

        int created = 0;
        List<IngestedActivity> batch = new ArrayList<>(parsed.size());
        Map<String, Long> createdNow = new HashMap<>();
        for (ParsedEvent p : parsed) {
            long contactId;
            if (p.contactId != null) {
                contactId = p.contactId;
            } else if (byEmail.containsKey(p.email)) {
                contactId = byEmail.get(p.email);
            } else if (createdNow.containsKey(p.email)) {
                contactId = createdNow.get(p.email);
            } else {
                OutsideContactResult result = contacts.upsertFromOutside(newContactFromEvent(p, key));
                contactId = result.contactId();
                createdNow.put(p.email, contactId);
                created++;
            }
            batch.add(new IngestedActivity(contactId, p.type, p.occurredAt, summary(p.type, p.attributes),
                    p.attributes.toString(), p.eventId));
        }
        int written = timeline.recordIngested(key.keyId(), key.name(), batch);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", written);
        answer.put("duplicates", batch.size() - written);
        answer.put("contactsCreated", created);
        return remember(idempotencyKey, "/api/v1/events", new IngestResponse(200, ApiErrors.JSON.writeValueAsString(answer)));
    }

    /** {@code POST /api/v1/forms/{formKey}}: a web form submission creates or updates its contact by email. */
    @PreAuthorize(Roles.API_FORMS)
    @Transactional
    public IngestResponse submitForm(String formKey, JsonNode body, String idempotencyKey) {
        ApiKeyPrincipal key = key();
        List<ApiErrors.FieldError> errors = new ArrayList<>();
        if (formKey == null || !FORM_KEY.matcher(formKey).matches()) {
            errors.add(new ApiErrors.FieldError("formKey", "1–60 letters, digits, '-' or '_'"));
        }
        if (body == null || !body.isObject()) {
            errors.add(new ApiErrors.FieldError("body", "must be a JSON object"));
            throw new IngestValidationException(errors);
        }
        body.propertyNames().forEach(name -> {
            if (!FORM_FIELDS.contains(name)) {
                errors.add(new ApiErrors.FieldError(name, "unknown field"));
            }
        });
        String email = text(body, "email", 254, true, errors);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new ApiErrors.FieldError("email", "not a valid email address"));
        }
        String firstName = text(body, "firstName", 100, false, errors);
        String lastName = text(body, "lastName", 100, false, errors);
        String name = text(body, "name", 200, false, errors);
        if (firstName == null && lastName == null && name != null) {
            int space = name.indexOf(' ');
            firstName = space < 0 ? name : name.substring(0, space);
            lastName = space < 0 ? null : name.substring(space + 1).strip();
        }
        String phone = text(body, "phone", 40, false, errors);
        if (phone != null && !phone.matches("^\\+?[0-9][0-9 ()./-]{4,38}$")) {
            errors.add(new ApiErrors.FieldError("phone", "not a valid phone number"));
        }
        String company = text(body, "company", 200, false, errors);
        String jobTitle = text(body, "jobTitle", 120, false, errors);
        String country = text(body, "country", 2, false, errors);
        if (country != null && !country.toUpperCase(Locale.ROOT).matches("^[A-Z]{2}$")) {
            errors.add(new ApiErrors.FieldError("country", "an ISO 3166 two-letter country code, e.g. DE"));
        }
        String city = text(body, "city", 100, false, errors);
        String productInterest = text(body, "productInterest", 100, false, errors);
        String url = text(body, "url", MAX_ATTRIBUTE, false, errors);
        String utmSource = text(body, "utmSource", 200, false, errors);
        String utmMedium = text(body, "utmMedium", 200, false, errors);
        String utmCampaign = text(body, "utmCampaign", 150, false, errors);
        String campaign = text(body, "campaign", 150, false, errors);
        String sourceName = text(body, "source", 30, false, errors);
        FirstTouchSource source = FirstTouchSource.WEB_FORM;
        if (sourceName != null) {
            try {
                source = FirstTouchSource.valueOf(sourceName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new ApiErrors.FieldError("source", "one of " + List.of(FirstTouchSource.values())));
            }
        }
        Instant submittedAt = instant(body, "submittedAt", errors);
        JsonNode fields = body.get("fields");
        if (fields != null && !fields.isNull()) {
            if (!fields.isObject()) {
                errors.add(new ApiErrors.FieldError("fields", "must be an object of question → answer"));
            } else {
                fields.properties().forEach(e -> {
                    if (!e.getValue().isValueNode() || e.getValue().asString("").length() > MAX_ATTRIBUTE) {
                        errors.add(new ApiErrors.FieldError("fields." + e.getKey(),
                                "must be a text or number of at most " + MAX_ATTRIBUTE + " characters"));
                    }
                });
            }
        }
        if (!errors.isEmpty()) {
            throw new IngestValidationException(errors);
        }

        Instant when = submittedAt == null ? clock.instant() : submittedAt;
        ContactForm form = new ContactForm();
        form.setEmail(email);
        form.setFirstName(firstName);
        form.setLastName(lastName);
        form.setPhone(phone);
        form.setCompany(company);
        form.setJobTitle(jobTitle);
        form.setCountry(country == null ? null : country.toUpperCase(Locale.ROOT));
        form.setCity(city);
        form.setProductInterest(productInterest);
        form.setFirstTouchSource(source);
        form.setFirstTouchAt(when);
        form.setFirstTouchCampaign(utmCampaign != null ? utmCampaign : campaign);
        form.setFirstTouchContext(clip("Web form " + formKey + (url == null ? "" : " on " + url)
                + (utmSource == null ? "" : ", utm_source=" + utmSource)
                + (utmMedium == null ? "" : ", utm_medium=" + utmMedium), 1000));
        OutsideContactResult contact = contacts.upsertFromOutside(form);

        ObjectNode payload = ApiErrors.JSON.createObjectNode();
        payload.put("form", formKey);
        putIfPresent(payload, "url", url);
        putIfPresent(payload, "utmSource", utmSource);
        putIfPresent(payload, "utmMedium", utmMedium);
        putIfPresent(payload, "utmCampaign", utmCampaign);
        putIfPresent(payload, "campaign", campaign);
        if (fields != null && fields.isObject()) {
            payload.set("fields", fields);
        }
        timeline.recordIngested(key.keyId(), key.name(), List.of(new IngestedActivity(contact.contactId(),
                ActivityType.FORM_SUBMIT, when, summary(ActivityType.FORM_SUBMIT, payload), payload.toString(), null)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("contactId", contact.contactId());
        answer.put("created", contact.created());
        return remember(idempotencyKey, "/api/v1/forms/" + formKey,
                new IngestResponse(contact.created() ? 201 : 200, ApiErrors.JSON.writeValueAsString(answer)));
    }

    private IngestResponse remember(String idempotencyKey, String path, IngestResponse response) {
        if (idempotencyKey != null) {
            // same transaction as the writes: a concurrent twin blocks on this key and then fails as a duplicate
            jdbc.update("""
                    INSERT INTO api_idempotency (api_key_id, idempotency_key, request_path, status, response_body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""", key().keyId(), idempotencyKey, path, response.status(),
                    response.body(), Timestamp.from(clock.instant()));
        }
        return response;
    }

    /** One event of a request, validated; null when it had errors (they are in the error list). */
    private record ParsedEvent(String path, ActivityType type, Long contactId, String email, Instant occurredAt,
                               String eventId, ObjectNode attributes, String firstName, String lastName) {
    }

    private ParsedEvent parseEvent(JsonNode event, String path, List<ApiErrors.FieldError> errors) {
        int before = errors.size();
        if (event == null || !event.isObject()) {
            errors.add(new ApiErrors.FieldError(path.isEmpty() ? "body" : path.substring(0, path.length() - 1),
                    "must be an event object"));
            return null;
        }
        event.propertyNames().forEach(name -> {
            if (!EVENT_FIELDS.contains(name)) {
                errors.add(new ApiErrors.FieldError(path + name, "unknown field"));
            }
        });
        ActivityType type = null;
        String typeName = text(event, "type", 30, true, errors, path);
        if (typeName != null) {
            try {
                type = ActivityType.valueOf(typeName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (type == null || !EVENT_TYPES.contains(type)) {
                errors.add(new ApiErrors.FieldError(path + "type", "one of " + EVENT_TYPES.stream().map(Enum::name).sorted().toList()));
                type = null;
            }
        }
        Long contactId = null;
        JsonNode id = event.get("contactId");
        if (id != null && !id.isNull()) {
            if (id.isIntegralNumber() && id.asLong() > 0) {
                contactId = id.asLong();
            } else {
                errors.add(new ApiErrors.FieldError(path + "contactId", "must be a positive whole number"));
            }
        }
        String email = text(event, "email", 254, false, errors, path);
        if (email != null) {
            if (!EMAIL.matcher(email).matches()) {
                errors.add(new ApiErrors.FieldError(path + "email", "not a valid email address"));
            }
            email = email.toLowerCase(Locale.ROOT);
        }
        if ((contactId == null) == (email == null) && !hasError(errors, before, path + "contactId", path + "email")) {
            errors.add(new ApiErrors.FieldError(path + "contactId",
                    "give exactly one of contactId or email to say whose event it is"));
        }
        Instant occurredAt = instant(event, "occurredAt", errors, path);
        String eventId = text(event, "eventId", 100, false, errors, path);
        String firstName = text(event, "firstName", 100, false, errors, path);
        String lastName = text(event, "lastName", 100, false, errors, path);
        ObjectNode attributes = ApiErrors.JSON.createObjectNode();
        JsonNode given = event.get("attributes");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                errors.add(new ApiErrors.FieldError(path + "attributes", "must be an object"));
            } else {
                given.properties().forEach(e -> {
                    String name = e.getKey();
                    JsonNode value = e.getValue();
                    if (!ATTRIBUTES.contains(name)) {
                        errors.add(new ApiErrors.FieldError(path + "attributes." + name, "unknown attribute; known: "
                                + ATTRIBUTES.stream().sorted().toList()));
                    } else if (value.isNull()) {
                        // an empty attribute is the same as a missing one
                    } else if (!value.isValueNode() || value.asString("").length() > MAX_ATTRIBUTE) {
                        errors.add(new ApiErrors.FieldError(path + "attributes." + name,
                                "must be a text or number of at most " + MAX_ATTRIBUTE + " characters"));
                    } else if (value.isNumber()) {
                        attributes.set(name, value);
                    } else {
                        attributes.put(name, value.asString());
                    }
                });
            }
        }
        if (attributes.hasNonNull("bounceType")) {
            String bounceType = attributes.path("bounceType").asString("").toLowerCase(Locale.ROOT);
            if (type != ActivityType.EMAIL_BOUNCED) {
                errors.add(new ApiErrors.FieldError(path + "attributes.bounceType", "only for EMAIL_BOUNCED events"));
            } else if (!BOUNCE_TYPES.contains(bounceType)) {
                errors.add(new ApiErrors.FieldError(path + "attributes.bounceType", "one of [hard, soft]"));
            } else {
                attributes.put("bounceType", bounceType);
            }
        }
        if (type != null) {
            for (String required : REQUIRED.getOrDefault(type, List.of())) {
                if (!attributes.hasNonNull(required) || attributes.path(required).asString("").isBlank()) {
                    errors.add(new ApiErrors.FieldError(path + "attributes." + required,
                            "required for " + type.name() + " events"));
                }
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new ParsedEvent(path, type, contactId, email, occurredAt == null ? clock.instant() : occurredAt,
                eventId, attributes, firstName, lastName);
    }

    private static boolean hasError(List<ApiErrors.FieldError> errors, int from, String... fields) {
        for (int i = from; i < errors.size(); i++) {
            for (String f : fields) {
                if (errors.get(i).field().equals(f)) {
                    return true;
                }
            }
        }
        return false;
    }

    private ContactForm newContactFromEvent(ParsedEvent p, ApiKeyPrincipal key) {
        ContactForm form = new ContactForm();
        form.setEmail(p.email);
        form.setFirstName(p.firstName);
        form.setLastName(p.lastName);
        String medium = p.attributes.path("utmMedium").asString("").toLowerCase(Locale.ROOT);
        FirstTouchSource source = switch (p.type) {
            case EMAIL_SENT, EMAIL_OPEN, EMAIL_CLICK -> FirstTouchSource.EMAIL_CAMPAIGN;
            case CONTENT_DOWNLOAD -> FirstTouchSource.CONTENT_DOWNLOAD;
            case FORM_SUBMIT -> FirstTouchSource.WEB_FORM;
            case CALL_TRACKED -> FirstTouchSource.INBOUND_CALL;
            default -> medium.contains("cpc") || medium.contains("paid") || medium.contains("ad")
                    ? FirstTouchSource.AD : medium.contains("social") ? FirstTouchSource.SOCIAL
                    : medium.contains("email") ? FirstTouchSource.EMAIL_CAMPAIGN : FirstTouchSource.OTHER;
        };
        form.setFirstTouchSource(source);
        form.setFirstTouchAt(p.occurredAt);
        String campaign = p.attributes.path("utmCampaign").asString(p.attributes.path("campaign").asString(null));
        form.setFirstTouchCampaign(campaign == null ? null : clip(campaign, 150));
        form.setFirstTouchContext(clip("API key " + key.name() + ": " + p.type.name()
                + (p.attributes.hasNonNull("url") ? " " + p.attributes.path("url").asString() : ""), 1000));
        return form;
    }

    /** A one-line summary in English (the timeline shows the translated type and the attributes beside it). */
    static String summary(ActivityType type, JsonNode a) {
        String text = switch (type) {
            case PAGE_VIEW -> "Viewed " + a.path("url").asString("");
            case CONTENT_DOWNLOAD -> "Downloaded “" + a.path("asset").asString("") + "”";
            case FORM_SUBMIT -> "Submitted “" + a.path("form").asString("") + "”";
            case SURVEY_ANSWER -> a.path("question").asString("") + " " + a.path("answer").asString("");
            case EMAIL_SENT -> "Email sent: " + a.path("subject").asString(a.path("campaign").asString(""));
            case EMAIL_OPEN -> "Opened “" + a.path("subject").asString(a.path("campaign").asString("")) + "”";
            case EMAIL_CLICK -> "Clicked " + a.path("url").asString("");
            case CALL_TRACKED -> "Inbound call" + (a.hasNonNull("callChannel") ? " via " + a.path("callChannel").asString() : "");
            case EMAIL_REPLY -> "Replied" + (a.hasNonNull("subject") ? " to “" + a.path("subject").asString() + "”" : "");
            case EMAIL_BOUNCED -> (a.path("bounceType").asString("hard").equals("soft") ? "Soft bounce" : "Hard bounce")
                    + (a.hasNonNull("diagnostic") ? ": " + a.path("diagnostic").asString() : "");
            default -> type.name();
        };
        return clip(text, 500);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String text(JsonNode node, String field, int max, boolean required,
                               List<ApiErrors.FieldError> errors) {
        return text(node, field, max, required, errors, "");
    }

    private static String text(JsonNode node, String field, int max, boolean required,
                               List<ApiErrors.FieldError> errors, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isString() && value.asString().isBlank())) {
            if (required) {
                errors.add(new ApiErrors.FieldError(path + field, "required"));
            }
            return null;
        }
        if (!value.isString()) {
            errors.add(new ApiErrors.FieldError(path + field, "must be a text"));
            return null;
        }
        String text = value.asString().strip();
        if (text.length() > max) {
            errors.add(new ApiErrors.FieldError(path + field, "at most " + max + " characters"));
            return null;
        }
        return text;
    }

    private Instant instant(JsonNode node, String field, List<ApiErrors.FieldError> errors) {
        return instant(node, field, errors, "");
    }

    private Instant instant(JsonNode node, String field, List<ApiErrors.FieldError> errors, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            Instant at = Instant.parse(value.asString(""));
            if (at.isAfter(clock.instant().plus(CLOCK_SKEW))) {
                errors.add(new ApiErrors.FieldError(path + field, "is in the future"));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            errors.add(new ApiErrors.FieldError(path + field,
                    "an ISO-8601 instant in UTC, e.g. 2026-11-22T14:05:00Z"));
            return null;
        }
    }

    private static IngestValidationException invalid(String field, String message) {
        return new IngestValidationException(List.of(new ApiErrors.FieldError(field, message)));
    }

    private static ApiKeyPrincipal key() {
        return (ApiKeyPrincipal) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }
}
