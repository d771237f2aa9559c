package com.leadflow.ingest;

import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ingestion API over HTTP (see {@code /api/v1/openapi.json}). Bodies are read as text and parsed here, so a
 * malformed body also gets the API's own JSON error naming what is wrong.
 */
@RestController
@RequestMapping("/api/v1")
class IngestController {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final IngestService ingest;

    IngestController(IngestService ingest) {
        this.ingest = ingest;
    }

    @PostMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> events(@RequestBody(required = false) String body,
                                  @RequestHeader(value = IDEMPOTENCY_HEADER, required = false) String idempotencyKey) {
        return once(idempotencyKey, () -> ingest.ingestEvents(parse(body), idempotencyKey));
    }

    @PostMapping(path = "/forms/{formKey}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> form(@PathVariable String formKey, @RequestBody(required = false) String body,
                                @RequestHeader(value = IDEMPOTENCY_HEADER, required = false) String idempotencyKey) {
        return once(idempotencyKey, () -> ingest.submitForm(formKey, parse(body), idempotencyKey));
    }

    @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> openApi() throws IOException {
        return ResponseEntity.ok(new ClassPathResource("ingest/openapi.json").getContentAsString(StandardCharsets.UTF_8));
    }

    /** A retry with the same idempotency key gets the first answer; nothing is written twice. */
    private ResponseEntity<String> once(String idempotencyKey, Supplier<IngestResponse> work) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 120)) {
            throw new IngestValidationException(List.of(new ApiErrors.FieldError(IDEMPOTENCY_HEADER,
                    "1–120 characters")));
        }
        Optional<IngestResponse> earlier = ingest.earlierAnswer(idempotencyKey);
        if (earlier.isPresent()) {
            return answer(earlier.get(), true);
        }
        try {
            return answer(withRetry(work), false);
        } catch (DataIntegrityViolationException e) {
            // a twin request with the same key committed first: answer as it was answered
            Optional<IngestResponse> twin = ingest.earlierAnswer(idempotencyKey);
            if (twin.isPresent()) {
                return answer(twin.get(), true);
            }
            throw e;
        }
    }

    /** A lock conflict with a concurrent batch rolled everything back: try again, up to three times. */
    private static IngestResponse withRetry(Supplier<IngestResponse> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= 3) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static ResponseEntity<String> answer(IngestResponse response, boolean replayed) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
                .contentType(MediaType.APPLICATION_JSON);
        if (replayed) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(response.body());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new IngestValidationException(List.of(new ApiErrors.FieldError("body", "the request body is empty")));
        }
        try {
            return ApiErrors.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IngestValidationException(List.of(new ApiErrors.FieldError("body",
                    "not valid JSON: " + e.getOriginalMessage())));
        }
    }

    @ExceptionHandler(IngestValidationException.class)
    ResponseEntity<String> invalid(IngestValidationException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(ApiErrors.JSON.writeValueAsString(
                ApiErrors.body("validation_failed", "The request was not accepted; nothing was written.", e.fields())));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<String> forbidden(AccessDeniedException e) {
        return ResponseEntity.status(403).contentType(MediaType.APPLICATION_JSON).body(ApiErrors.JSON.writeValueAsString(
                ApiErrors.body("forbidden", "This API key's scopes do not allow this endpoint.", null)));
    }

    /** Anything unexpected: a JSON 500 (not the login page the error path would show a browser). */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> failed(RuntimeException e) {
        LoggerFactory.getLogger(IngestController.class).error("Ingestion request failed", e);
        return ResponseEntity.status(500).contentType(MediaType.APPLICATION_JSON).body(ApiErrors.JSON.writeValueAsString(
                ApiErrors.body("internal_error", "The request failed and nothing was written; retry later.", null)));
    }

    @ExceptionHandler(com.leadflow.base.ValidationFailedException.class)
    ResponseEntity<String> refused(com.leadflow.base.ValidationFailedException e) {
        Object[] params = e.params();
        String field = params != null && params.length > 0 ? String.valueOf(params[0]) : "body";
        String message = params != null && params.length > 1 ? String.valueOf(params[1]) : e.messageKey();
        return invalid(new IngestValidationException(List.of(new ApiErrors.FieldError(field, message))));
    }
}
