package com.leadflow.ingest;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's error bodies: {@code {"error": code, "message": text, "fields": [{"field", "message"}…]}}. */
final class ApiErrors {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One bad field of a request, by its JSON path ({@code events[3].email}). */
    record FieldError(String field, String message) {
    }

    private ApiErrors() {
    }

    static Map<String, Object> body(String code, String message, List<FieldError> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (fields != null && !fields.isEmpty()) {
            body.put("fields", fields);
        }
        return body;
    }

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body(code, message, null)));
    }
}
