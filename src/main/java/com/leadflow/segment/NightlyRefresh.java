package com.leadflow.segment;

import com.leadflow.security.SystemAuthentication;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The backstop for what only time changes and no edit triggers: scores decay with their half-life and lifecycle
 * rules may have time conditions. Once a night (one node, by lock) it runs the full refresh — scores, lifecycle,
 * segments — as the system. Segments' own time conditions are also caught every 5 minutes by
 * {@link TimeBasedSegmentJob}.
 */
@Component
class NightlyRefresh {

    static final String JOB = "nightly-full-refresh";
    private static final Logger log = LoggerFactory.getLogger(NightlyRefresh.class);

    private final FullRefreshJob fullRefresh;

    NightlyRefresh(FullRefreshJob fullRefresh) {
        this.fullRefresh = fullRefresh;
    }

    @Scheduled(cron = "${leadflow.refresh.nightly-cron:0 30 3 * * *}")
    @SchedulerLock(name = JOB, lockAtMostFor = "PT3H")
    public void scheduledRun() {
        FullRefreshJob.Progress[] result = new FullRefreshJob.Progress[1];
        SystemAuthentication.run(() -> result[0] = fullRefresh.runAllNow());
        if (result[0].error() != null) {
            log.error("Nightly full refresh failed: {}", result[0].error());
        } else {
            log.info("Nightly full refresh done in {} ms", result[0].millis());
        }
    }
}
