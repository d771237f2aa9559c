package com.leadflow.ingest;

/** What the API answers to a request that was processed: a status and a JSON body (kept for idempotent retries). */
record IngestResponse(int status, String body) {
}
