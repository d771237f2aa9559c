package com.leadflow.metrics;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the dashboard's summary fresh on one node: every few minutes it recomputes the days that changed
 * ({@code leadflow.metrics.refresh-interval}; a summary that was never built waits for the nightly run or a user's
 * "Refresh now"), and once a night it rebuilds everything ({@code leadflow.metrics.rebuild-cron}) as the backstop for what the change marks cannot see (an
 * engagement committed out of id order, a history row edited in place, a change of the closing stages).
 */
@Component
class MetricsRefreshJob {

    private final MetricsSummary summary;

    MetricsRefreshJob(MetricsSummary summary) {
        this.summary = summary;
    }

    @Scheduled(initialDelayString = "${leadflow.metrics.refresh-interval:PT2M}",
            fixedDelayString = "${leadflow.metrics.refresh-interval:PT2M}")
    @SchedulerLock(name = "metrics-summary-job", lockAtMostFor = "PT30M")
    public void refresh() {
        summary.refreshIfBuilt();
    }

    @Scheduled(cron = "${leadflow.metrics.rebuild-cron:0 15 4 * * *}")
    @SchedulerLock(name = "metrics-summary-rebuild", lockAtMostFor = "PT3H")
    public void rebuild() {
        summary.rebuild();
    }
}
