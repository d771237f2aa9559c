package com.leadflow.lifecycle;

import com.leadflow.rules.FieldCatalogProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "Re-apply the rules to all contacts" in the background, with a result the view can show. One at a time per node;
 * MARKETING and ADMIN may start it.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class LifecycleRefreshJob {

    private static final Logger log = LoggerFactory.getLogger(LifecycleRefreshJob.class);

    /** Where the refresh stands: running or finished, how many contacts moved, how long it took, or what failed. */
    public record Progress(boolean running, int moved, long millis, Instant finishedAt, String error) {
        static final Progress IDLE = new Progress(false, 0, 0, null, null);
    }

    private final LifecycleRefresher refresher;
    private final LifecycleDefinitions definitions;
    private final FieldCatalogProvider catalogs;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lifecycle-refresh");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.IDLE);

    LifecycleRefreshJob(LifecycleRefresher refresher, LifecycleDefinitions definitions, FieldCatalogProvider catalogs) {
        this.refresher = refresher;
        this.definitions = definitions;
        this.catalogs = catalogs;
    }

    /**
     * The lifecycle's part in the full refresh's single read of the contacts, or in a batch re-evaluation's (see
     * {@link LifecyclePass}: the same decisions and writes).
     */
    @PreAuthorize(LifecycleService.CAN_EDIT)
    public LifecyclePass fullRefreshPass(Instant now) {
        return new LifecyclePass(refresher, definitions.all(), catalogs.current(), now);
    }

    public Progress progress() {
        return progress.get();
    }

    /** Starts a refresh unless one is running; returns the progress right after starting. */
    @PreAuthorize(LifecycleService.CAN_EDIT)
    public synchronized Progress start() {
        if (progress.get().running()) {
            return progress.get();
        }
        progress.set(new Progress(true, 0, 0, null, null));
        executor.submit(this::run);
        return progress.get();
    }

    /** Runs a refresh in the calling thread (part of the combined full refresh); returns the final progress. */
    @PreAuthorize(LifecycleService.CAN_EDIT)
    public Progress runNow() {
        progress.set(new Progress(true, 0, 0, null, null));
        run();
        return progress.get();
    }

    private void run() {
        long started = System.nanoTime();
        try {
            LifecycleRefresher.Result result = refresher.refresh(Instant.now());
            progress.set(new Progress(false, result.total(), result.millis(), Instant.now(), null));
        } catch (RuntimeException e) {
            log.error("Lifecycle refresh failed", e);
            progress.set(new Progress(false, 0, (System.nanoTime() - started) / 1_000_000, Instant.now(),
                    e.getMessage()));
        }
    }
}
