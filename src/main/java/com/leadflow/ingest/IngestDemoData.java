package com.leadflow.ingest;

import com.leadflow.demo.DemoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Demo mode, on a database without API keys: a website key with a published demo secret (like the demo passwords,
 * so the README's curl example works), a few pinned notes, and unread @mention notifications for the demo users,
 * derived from the generated notes.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "leadflow.demo.enabled", havingValue = "true", matchIfMissing = true)
class IngestDemoData implements ApplicationRunner {

    /** Published on purpose, for demo mode only: the same status as the demo accounts' password. */
    static final String DEMO_KEY = "lf_demoWebsiteKey0000000000000000000000000";

    private static final Logger log = LoggerFactory.getLogger(IngestDemoData.class);

    private final JdbcTemplate jdbc;
    private final DemoProperties demo;
    private final Clock clock;

    IngestDemoData(JdbcTemplate jdbc, DemoProperties demo, Clock clock) {
        this.jdbc = jdbc;
        this.demo = demo;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!demo.isEnabled() || Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM api_key)",
                Boolean.class))) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                INSERT INTO api_key (name, key_prefix, secret_hash, scopes, requests_per_minute, created_at, created_by)
                SELECT 'Website (demo)', ?, ?, 'CREATE_CONTACTS,EVENTS,FORMS', ?, ?, id FROM app_user WHERE username = 'admin'""",
                DEMO_KEY.substring(0, 10), ApiKeyService.hash(DEMO_KEY), ApiKeyService.DEFAULT_REQUESTS_PER_MINUTE, now);
        // the newest note of a few hundred contacts is pinned, as a team would pin a key fact
        int pinned = jdbc.update("""
                UPDATE activity a JOIN (SELECT MAX(id) AS id FROM activity WHERE type = 'NOTE' GROUP BY contact_id
                                        ORDER BY contact_id LIMIT 300) p ON p.id = a.id
                SET a.pinned = TRUE""");
        // each sales rep finds a few unread mentions from marketing on their own contacts
        int mentions = jdbc.update("""
                INSERT INTO notification (user_id, contact_id, kind, message_key, params_json, created_at)
                SELECT x.owner_id, x.id, 'MENTION', 'timeline.notification.mention',
                       JSON_ARRAY('Maria Petrova', CONCAT(x.first_name, ' ', x.last_name)), ?
                FROM (SELECT c.id, c.owner_id, c.first_name, c.last_name,
                             ROW_NUMBER() OVER (PARTITION BY c.owner_id ORDER BY c.last_activity_at DESC, c.id) AS n
                      FROM contact c JOIN app_user u ON u.id = c.owner_id AND u.role = 'SALES') x
                WHERE x.n <= 3""", now);
        log.info("Demo data (timeline): demo API key, {} pinned notes, {} mention notifications", pinned, mentions);
    }
}
