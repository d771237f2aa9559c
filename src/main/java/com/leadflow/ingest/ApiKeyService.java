package com.leadflow.ingest;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.security.ApiKeyPrincipal;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Roles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * API keys for the ingestion API: ADMIN creates (the key is shown once) and revokes them; requests are
 * authenticated by the key's SHA-256 hash. A key is 40 random base-62 characters, so a fast hash is enough (a slow
 * password hash would cost more than the whole event batch) and the stored hash is useless to a thief.
 */
@Service
@PreAuthorize(Roles.HAS_ADMIN)
public class ApiKeyService {

    public static final String KEY_PREFIX = "lf_";
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** last_used_at is written at most this often per key: every request writing it would serialise ingestion. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final CurrentUserProvider currentUser;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Instant> lastUsedWritten = new ConcurrentHashMap<>();

    ApiKeyService(JdbcTemplate jdbc, CurrentUserProvider currentUser, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The result of looking a presented key up. */
    public sealed interface Lookup {
        record Valid(ApiKeyPrincipal principal, int requestsPerMinute) implements Lookup {
        }

        record Revoked() implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }

    @Transactional
    public CreatedApiKey create(String name, Set<ApiScope> scopes, int requestsPerMinute) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty()) {
            throw new ValidationFailedException("ingest.error.nameRequired");
        }
        if (label.length() > 120) {
            throw new ValidationFailedException("ingest.error.nameTooLong");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new ValidationFailedException("ingest.error.scopeRequired");
        }
        if (requestsPerMinute < 1 || requestsPerMinute > 100_000) {
            throw new ValidationFailedException("ingest.error.rateLimit");
        }
        StringBuilder secret = new StringBuilder(KEY_PREFIX);
        for (int i = 0; i < 40; i++) {
            secret.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        String key = secret.toString();
        GeneratedKeyHolder id = new GeneratedKeyHolder();
        Instant now = clock.instant();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO api_key (name, key_prefix, secret_hash, scopes, requests_per_minute, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, label);
            insert.setString(2, key.substring(0, 10));
            insert.setString(3, hash(key));
            insert.setString(4, scopes.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
            insert.setInt(5, requestsPerMinute);
            insert.setTimestamp(6, Timestamp.from(now));
            insert.setLong(7, currentUser.require().id());
            return insert;
        }, id);
        return new CreatedApiKey(find(id.getKey().longValue()).orElseThrow(), key);
    }

    @Transactional
    public void revoke(long id) {
        jdbc.update("UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), currentUser.require().id(), id);
    }

    @Transactional(readOnly = true)
    public List<ApiKeySummary> list() {
        return jdbc.query(SELECT + " ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC", SUMMARY);
    }

    private Optional<ApiKeySummary> find(long id) {
        return jdbc.query(SELECT + " WHERE k.id = ?", SUMMARY, id).stream().findFirst();
    }

    /** Looks a presented key up by its hash (before anyone is authenticated: this is the authentication). */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public Lookup authenticate(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX) || presented.length() > 100) {
            return new Lookup.Unknown();
        }
        List<Lookup> found = jdbc.query("SELECT id, name, scopes, requests_per_minute, revoked_at FROM api_key WHERE secret_hash = ?",
                (rs, row) -> rs.getTimestamp("revoked_at") != null ? new Lookup.Revoked()
                        : new Lookup.Valid(new ApiKeyPrincipal(rs.getLong("id"), rs.getString("name"),
                        Set.of(rs.getString("scopes").split(","))), rs.getInt("requests_per_minute")),
                hash(presented));
        return found.isEmpty() ? new Lookup.Unknown() : found.getFirst();
    }

    /** Remembers that a key was used (at most every 30 seconds per key). */
    @PreAuthorize("permitAll()")
    @Transactional
    public void markUsed(long keyId) {
        Instant now = clock.instant();
        Instant last = lastUsedWritten.get(keyId);
        if (last != null && last.plus(LAST_USED_RESOLUTION).isAfter(now) && !now.isBefore(last)) {
            return;
        }
        lastUsedWritten.put(keyId, now);
        jdbc.update("UPDATE api_key SET last_used_at = ? WHERE id = ?", Timestamp.from(now), keyId);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = """
            SELECT k.id, k.name, k.key_prefix, k.scopes, k.requests_per_minute, k.created_at, u.display_name,
                   k.revoked_at, k.last_used_at
            FROM api_key k LEFT JOIN app_user u ON u.id = k.created_by""";

    private static final RowMapper<ApiKeySummary> SUMMARY = (rs, row) -> {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        Arrays.stream(rs.getString("scopes").split(",")).filter(s -> !s.isBlank())
                .forEach(s -> scopes.add(ApiScope.valueOf(s)));
        Timestamp revoked = rs.getTimestamp("revoked_at");
        Timestamp used = rs.getTimestamp("last_used_at");
        return new ApiKeySummary(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"), scopes,
                rs.getInt("requests_per_minute"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("display_name"), revoked == null ? null : revoked.toInstant(),
                used == null ? null : used.toInstant());
    };
}
