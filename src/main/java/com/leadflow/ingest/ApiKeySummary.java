package com.leadflow.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/** An API key as the admin list shows it: never the key itself, only its first characters. */
public record ApiKeySummary(long id, String name, String prefix, Set<ApiScope> scopes, int requestsPerMinute,
                            Instant createdAt, String createdBy, Instant revokedAt, Instant lastUsedAt)
        implements Serializable {

    public boolean active() {
        return revokedAt == null;
    }
}
