package com.leadflow.ingest;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per minute per API key, as a token bucket on this node: a key may burst up to its minute's allowance,
 * then gets one request per 1/n minute. (Behind several nodes each node allows the full rate; see the decision.)
 */
@Component
public class ApiRateLimiter {

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    /** 0 when the request may go ahead; otherwise how many seconds until it may be retried. */
    public long tryAcquire(long keyId, int requestsPerMinute) {
        return buckets.computeIfAbsent(keyId, id -> new Bucket()).take(requestsPerMinute, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens = -1;
        private long lastNanos;

        synchronized long take(int perMinute, long now) {
            double perNano = perMinute / 60e9;
            if (tokens < 0) {
                tokens = perMinute;
            } else {
                tokens = Math.min(perMinute, tokens + (now - lastNanos) * perNano);
            }
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }
}
