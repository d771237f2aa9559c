package com.leadflow.metrics;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.funnel.FunnelStage;
import com.leadflow.funnel.FunnelStageService;
import com.leadflow.metrics.MetricsReport.*;
import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import com.leadflow.security.Role;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Read-only conversion metrics for the executive dashboard. EXECUTIVE, ADMIN and MARKETING see every contact's
 * figures; SALES see their team's contacts (their own without a team) and no campaign costs.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class MetricsService {

    /** Longest period one report covers: enough for year-on-year, bounded so a report stays quick. */
    static final Duration MAX_PERIOD = Duration.ofDays(3 * 366);
    /** The closing stage that is not a win (the board's system stage). */
    static final String LOST = "LOST";

    private final MetricsQueries queries;
    private final SummaryQueries summaryQueries;
    private final MetricsSummary summary;
    private final FunnelStageService funnelStages;
    private final CurrentUserProvider currentUser;
    private final Clock clock;

    MetricsService(MetricsQueries queries, SummaryQueries summaryQueries, MetricsSummary summary,
                   FunnelStageService funnelStages, CurrentUserProvider currentUser, Clock clock) {
        this.queries = queries;
        this.summaryQueries = summaryQueries;
        this.summary = summary;
        this.funnelStages = funnelStages;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * Every panel's figures for the filter; the trend by week or month (null: weeks up to about a quarter). Read from
     * the summary (as of its last refresh) when it can answer: the whole company or one team, a period of whole UTC
     * hours; otherwise (owner, source, campaign or segment filter) computed live from the histories.
     */
    @Transactional(readOnly = true)
    public MetricsReport report(MetricsFilter filter, TrendGrain grain) {
        validate(filter);
        CurrentUser user = currentUser.require();
        List<String> wonStages = wonStages(funnelStages.stages());
        Instant asOf = summary.refreshedAt();
        Long team = summaryTeam(filter, user);
        if (asOf != null && team != null && wonStages.size() == 1 && SummaryQueries.covers(filter)) {
            return fromSummary(filter, grain, user, WHOLE_COMPANY.equals(team) ? null : team, asOf);
        }
        return live(filter, grain);
    }

    /** The same figures, always computed live from the histories (for comparison with the summary). */
    @Transactional(readOnly = true)
    public MetricsReport live(MetricsFilter filter, TrendGrain grain) {
        validate(filter);
        CurrentUser user = currentUser.require();
        Instant now = clock.instant();
        List<FunnelStage> stages = funnelStages.stages();
        List<String> wonStages = wonStages(stages);
        MetricsQueries.Scope scope = MetricsQueries.scope(filter, user, now, wonStages);
        boolean costsVisible = canSeeCosts(user);

        Map<String, Long> funnelCounts = queries.funnelEntries(scope);
        Map<String, Long> lifecycleCounts = queries.lifecycleEntries(scope);
        Headline headline = new Headline(queries.newLeads(scope), lifecycleCounts.getOrDefault("MQL", 0L),
                lifecycleCounts.getOrDefault("SQL", 0L), queries.wins(scope), funnelCounts.getOrDefault(LOST, 0L));

        Map<String, StageTime> times = queries.timeInStage(scope);
        List<StageTime> timeInStage = stages.stream().filter(s -> !s.terminal()).map(s -> times.getOrDefault(s.code(),
                new StageTime(s.code(), 0, 0, 0))).toList();

        TrendGrain effectiveGrain = effectiveGrain(filter, grain);

        return new MetricsReport(filter, now, queries.sources(costsVisible), headline,
                funnel(stages, wonStages, funnelCounts), lifecycle(lifecycleCounts),
                queries.winRateBySource(scope), queries.winRateByChannel(scope),
                queries.campaigns(scope, filter, costsVisible), timeInStage, stuck(scope, stages, times, now),
                queries.speedToLead(scope), queries.comeback(scope), effectiveGrain,
                queries.trend(scope, filter, effectiveGrain), null);
    }

    /** Marker for "the whole company" in {@link #summaryTeam}. */
    private static final Long WHOLE_COMPANY = -1L;

    /**
     * The team whose figures the summary must give ({@link #WHOLE_COMPANY} for all); null when the summary cannot
     * answer: a filter it does not keep (owner, source, campaign, segment), or a sales rep without a team.
     */
    private static Long summaryTeam(MetricsFilter filter, CurrentUser user) {
        if (filter.ownerId() != null || filter.source() != null || filter.segmentId() != null
                || (filter.campaign() != null && !filter.campaign().isBlank())) {
            return null;
        }
        if (user.role() == Role.SALES) {
            if (user.teamId() == null || (filter.teamId() != null && !filter.teamId().equals(user.teamId()))) {
                return null;
            }
            return user.teamId();
        }
        return filter.teamId() != null ? filter.teamId() : WHOLE_COMPANY;
    }

    private MetricsReport fromSummary(MetricsFilter filter, TrendGrain grain, CurrentUser user, Long team,
                                      Instant asOf) {
        Instant now = clock.instant();
        List<FunnelStage> stages = funnelStages.stages();
        List<String> wonStages = wonStages(stages);
        boolean costsVisible = canSeeCosts(user);
        TrendGrain effectiveGrain = effectiveGrain(filter, grain);
        SummaryQueries.Scope s = SummaryQueries.scope(filter, team, wonStages);
        // stuck contacts and speed to lead stay live: they are about "now" and read small, indexed ranges
        MetricsQueries.Scope live = MetricsQueries.scope(filter.withTeam(team), user, now, wonStages);

        SummaryQueries.Entries entries = summaryQueries.entries(s, filter, effectiveGrain);
        Map<String, Long> funnelCounts = entries.funnel();
        Map<String, Long> lifecycleCounts = entries.lifecycle();
        long wins = wonStages.stream().mapToLong(w -> funnelCounts.getOrDefault(w, 0L)).sum();
        Headline headline = new Headline(entries.newLeads(), lifecycleCounts.getOrDefault("MQL", 0L),
                lifecycleCounts.getOrDefault("SQL", 0L), wins, funnelCounts.getOrDefault(LOST, 0L));
        Map<String, StageTime> times = summaryQueries.timeInStage(s);
        List<StageTime> timeInStage = stages.stream().filter(st -> !st.terminal()).map(st -> times.getOrDefault(st.code(),
                new StageTime(st.code(), 0, 0, 0))).toList();
        return new MetricsReport(filter, now, queries.sources(costsVisible), headline,
                funnel(stages, wonStages, funnelCounts), lifecycle(lifecycleCounts),
                summaryQueries.winRateBySource(s), summaryQueries.winRateByChannel(s),
                summaryQueries.campaigns(s, costsVisible), timeInStage, stuck(live, stages, times, now),
                queries.speedToLead(live), summaryQueries.comeback(s), effectiveGrain, entries.trend(), asOf);
    }

    /**
     * Brings the summary up to date now (the dashboard's "Refresh now"): recomputes the days that changed.
     * Returns when the figures are as of; false in {@code ran} when a refresh was already running elsewhere.
     */
    @PreAuthorize("isAuthenticated()")
    public RefreshOutcome refreshSummary() {
        MetricsSummary.Result result = summary.refresh();
        return new RefreshOutcome(result.ran(), result.asOf());
    }

    /** What "Refresh now" did: whether it ran (or another refresh was under way) and the figures' new time. */
    public record RefreshOutcome(boolean ran, Instant asOf) {
    }

    private static List<String> wonStages(List<FunnelStage> stages) {
        return stages.stream().filter(s -> s.terminal() && !LOST.equals(s.code())).map(FunnelStage::code).toList();
    }

    private static TrendGrain effectiveGrain(MetricsFilter filter, TrendGrain grain) {
        return grain != null ? grain
                : Duration.between(filter.from(), filter.to()).toDays() <= 100 ? TrendGrain.WEEK : TrendGrain.MONTH;
    }

    /** Whether the caller sees what campaigns cost (sales reps do not). */
    public boolean canSeeCosts() {
        return canSeeCosts(currentUser.require());
    }

    /** Whether the caller's figures are limited to a team (sales reps): then the team filter is fixed. */
    public Long fixedTeam() {
        CurrentUser user = currentUser.require();
        return user.role() == Role.SALES ? user.teamId() : null;
    }

    private static boolean canSeeCosts(CurrentUser user) {
        return user.role() != Role.SALES;
    }

    private static void validate(MetricsFilter filter) {
        if (filter == null || filter.from() == null || filter.to() == null) {
            throw new ValidationFailedException("metrics.periodRequired");
        }
        if (!filter.from().isBefore(filter.to())) {
            throw new ValidationFailedException("metrics.periodReversed");
        }
        if (Duration.between(filter.from(), filter.to()).compareTo(MAX_PERIOD) > 0) {
            throw new ValidationFailedException("metrics.periodTooLong");
        }
    }

    /** Open stages in board order, then WON: each with its share of the next; LOST last, on its own. */
    private static List<StageEntries> funnel(List<FunnelStage> stages, List<String> wonStages, Map<String, Long> counts) {
        List<String> chain = new ArrayList<>(stages.stream().filter(s -> !s.terminal()).map(FunnelStage::code).toList());
        chain.addAll(wonStages);
        List<StageEntries> result = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            String stage = chain.get(i);
            long entered = counts.getOrDefault(stage, 0L);
            String next = i + 1 < chain.size() ? chain.get(i + 1) : null;
            Double conversion = next == null ? null : MetricsReport.ratio(counts.getOrDefault(next, 0L), entered);
            result.add(new StageEntries(stage, entered, next, conversion));
        }
        result.add(new StageEntries(LOST, counts.getOrDefault(LOST, 0L), null, null));
        return result;
    }

    private static List<StageEntries> lifecycle(Map<String, Long> counts) {
        LifecycleStage[] order = LifecycleStage.values();
        List<StageEntries> result = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            long entered = counts.getOrDefault(order[i].name(), 0L);
            String next = i + 1 < order.length ? order[i + 1].name() : null;
            result.add(new StageEntries(order[i].name(), entered, next,
                    next == null ? null : MetricsReport.ratio(counts.getOrDefault(next, 0L), entered)));
        }
        return result;
    }

    /** Stuck: longer in the stage than its 90th percentile stay in the period (30 days while that is unknown). */
    private List<StuckContact> stuck(MetricsQueries.Scope scope, List<FunnelStage> stages, Map<String, StageTime> times,
                                     Instant now) {
        List<StuckContact> all = new ArrayList<>();
        for (FunnelStage stage : stages) {
            if (stage.terminal()) {
                continue;
            }
            StageTime time = times.get(stage.code());
            Duration threshold = time != null && time.stays() >= MetricsQueries.MIN_STAYS_FOR_P90
                    ? Duration.ofSeconds(Math.round(time.p90Hours() * 3600)) : MetricsQueries.DEFAULT_STUCK_AFTER;
            all.addAll(queries.stuckIn(scope, stage.code(), threshold, now));
        }
        return all.stream().sorted(Comparator.comparing(StuckContact::since).thenComparing(StuckContact::contactId))
                .limit(MetricsQueries.STUCK_LIMIT).toList();
    }
}
