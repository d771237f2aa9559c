package com.leadflow.ingest;

/** A key just created: the only moment the full secret exists outside the caller's hands. */
public record CreatedApiKey(ApiKeySummary key, String secret) {
}
