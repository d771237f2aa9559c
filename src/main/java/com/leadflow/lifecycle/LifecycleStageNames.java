package com.leadflow.lifecycle;

import com.leadflow.base.i18n.TranslationOverrides;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names marketing gave the lifecycle stages, served as the translations {@code lifecycle.<CODE>}: every screen
 * that labels a stage (contact list and profile, rule builder, dashboard, timeline) shows the edited name without
 * knowing about it. Kept in memory because labels are looked up many times per page: re-read after this node saves
 * a stage, and at most {@link #MAX_AGE_NANOS} old for changes saved on another node.
 */
@Component
class LifecycleStageNames implements TranslationOverrides {

    private static final Logger log = LoggerFactory.getLogger(LifecycleStageNames.class);
    private static final String PREFIX = "lifecycle.";
    static final long MAX_AGE_NANOS = 30_000_000_000L;

    private record Names(String english, String russian) {
    }

    private final JdbcTemplate jdbc;
    private volatile Map<String, Names> names = Map.of();
    private volatile long loadedAt;
    private volatile boolean loaded;

    LifecycleStageNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String find(String key, Locale locale) {
        if (!key.startsWith(PREFIX) || key.indexOf('.', PREFIX.length()) >= 0) {
            return null; // not a stage code (e.g. lifecycle.view.intro)
        }
        if (!loaded || System.nanoTime() - loadedAt > MAX_AGE_NANOS) {
            reload();
        }
        Names stage = names.get(key.substring(PREFIX.length()));
        if (stage == null) {
            return null;
        }
        return "ru".equals(locale.getLanguage()) ? stage.russian() : stage.english();
    }

    /** Re-read after the saving transaction commits (an unsaved name must never show). */
    void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    loaded = false;
                }
            });
        } else {
            loaded = false;
        }
    }

    private void reload() {
        Map<String, Names> read = new HashMap<>();
        try {
            jdbc.query("""
                    SELECT code, name_en, name_ru FROM lifecycle_stage_definition
                    WHERE name_en IS NOT NULL AND name_ru IS NOT NULL""",
                    rs -> { read.put(rs.getString(1), new Names(rs.getString(2), rs.getString(3))); });
        } catch (DataAccessException e) {
            // the database is not there yet (start-up) or briefly away: built-in names until the next try
            log.debug("Lifecycle stage names not read: {}", e.getMessage());
            loadedAt = System.nanoTime();
            loaded = true;
            return;
        }
        names = Map.copyOf(read);
        loadedAt = System.nanoTime();
        loaded = true;
    }
}
