package com.leadflow.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** On an empty database in demo mode: creates the demo teams and accounts, then generates contacts and activities. */
@Component
@Order(0)
@ConditionalOnProperty(name = "leadflow.demo.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(DemoProperties.class)
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwordEncoder;
    private final DemoDataGenerator generator;
    private final DemoProperties properties;
    private final ConfigurableApplicationContext context;

    DemoDataLoader(JdbcTemplate jdbc, PasswordEncoder passwordEncoder, DemoDataGenerator generator,
                   DemoProperties properties, ConfigurableApplicationContext context) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.generator = generator;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (isEmpty("app_user")) {
            createAccounts();
        }
        if (isEmpty("contact") && properties.getContacts() > 0) {
            DemoDataGenerator.Result result = generator.generate(properties.getContacts(),
                    properties.effectiveActivities(), properties.getSeed());
            log.info("Demo data: {} contacts and {} activities in {} ms", result.contacts(), result.activities(),
                    result.millis());
        }
        if (properties.isExitAfterGenerate()) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }

    /** EXISTS, not COUNT(*): a count scans a million-row table on every start. */
    private boolean isEmpty(String table) {
        return !Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + table + ")", Boolean.class));
    }

    private void createAccounts() {
        String hash = passwordEncoder.encode(DemoAccount.PASSWORD);
        Timestamp now = Timestamp.from(Instant.now());
        DemoAccount.ALL.stream().map(DemoAccount::team).filter(t -> t != null).distinct()
                .forEach(team -> jdbc.update("INSERT INTO team (name, created_at) VALUES (?, ?)", team, now));
        for (DemoAccount account : DemoAccount.ALL) {
            Long teamId = account.team() == null ? null
                    : jdbc.queryForObject("SELECT id FROM team WHERE name = ?", Long.class, account.team());
            jdbc.update("""
                    INSERT INTO app_user (username, display_name, email, password_hash, role, team_id, enabled,
                                          created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?)""",
                    account.username(), account.displayName(), account.username() + "@leadflow.example", hash,
                    account.role().name(), teamId, now, now);
        }
        log.info("Demo accounts created (password '{}')", DemoAccount.PASSWORD);
    }
}
