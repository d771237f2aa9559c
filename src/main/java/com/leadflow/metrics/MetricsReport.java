package com.leadflow.metrics;

import com.leadflow.campaign.CampaignChannel;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Every figure of the executive dashboard for one filter, computed in one go. Rates are null where their
 * denominator is zero (shown as "–", never as a made-up 0 %). {@code summaryAsOf}: when the pre-aggregated summary
 * these figures were read from was refreshed; null when they were computed live (decision 016).
 */
public record MetricsReport(MetricsFilter filter, Instant computedAt, Sources sources, Headline headline,
                            List<StageEntries> funnel, List<StageEntries> lifecycle,
                            List<WinRate> winRateBySource, List<WinRate> winRateByChannel,
                            List<CampaignFigures> campaigns, List<StageTime> timeInStage,
                            List<StuckContact> stuck, SpeedToLead speedToLead, Comeback comeback,
                            TrendGrain grain, List<TrendPoint> trend, Instant summaryAsOf)
        implements Serializable {

    /**
     * Whether every figure was computed from the histories at {@link #computedAt()}; otherwise the summary's figures
     * are as of {@link #summaryAsOf()} (stuck contacts and speed to lead are always live).
     */
    public boolean live() {
        return summaryAsOf == null;
    }

    /** Whether each data source has any rows at all, so a panel can say "not recorded yet" instead of "0". */
    public record Sources(boolean funnelHistory, boolean lifecycleHistory, boolean slaClocks, boolean campaigns,
                          boolean costsVisible) implements Serializable {
    }

    /** The headline tiles: new leads, qualified (SQL entries), wins, losses and the rates between them. */
    public record Headline(long newLeads, long mqls, long sqls, long wins, long losses) implements Serializable {

        /** New leads per win: the rule of thumb is about ten. */
        public Double leadsPerSale() {
            return wins == 0 ? null : (double) newLeads / wins;
        }

        /** Wins per sales-qualified lead: the rule of thumb is about one in four. */
        public Double qualifiedToWon() {
            return ratio(wins, sqls);
        }

        public Double winRate() {
            return ratio(wins, wins + losses);
        }
    }

    /** How many distinct contacts entered a stage in the period, and the share of that the next stage got. */
    public record StageEntries(String stage, long entered, String nextStage, Double conversionToNext)
            implements Serializable {
    }

    /** Closed deals in the period for one group (a source or a channel; key null: none recorded). */
    public record WinRate(String key, long won, long lost) implements Serializable {
        public Double rate() {
            return ratio(won, won + lost);
        }
    }

    /**
     * A campaign over its whole life: its leads (contacts whose first touch it was), how many of them are MQL or
     * further on now, how many are customers; cost null when the caller's role may not see costs.
     */
    public record CampaignFigures(long id, String name, CampaignChannel channel, LocalDate startsOn, LocalDate endsOn,
                                  BigDecimal cost, long leads, long mqls, long customers) implements Serializable {
        public BigDecimal costPerLead() {
            return cost == null || leads == 0 ? null : cost.divide(BigDecimal.valueOf(leads), 2, java.math.RoundingMode.HALF_UP);
        }

        public BigDecimal costPerCustomer() {
            return cost == null || customers == 0 ? null
                    : cost.divide(BigDecimal.valueOf(customers), 2, java.math.RoundingMode.HALF_UP);
        }
    }

    /** Stays in a funnel stage that ended in the period: how many, median and 90th percentile length in hours. */
    public record StageTime(String stage, long stays, double medianHours, double p90Hours) implements Serializable {
    }

    /** An open contact that has been in its stage longer than the stage's usual (90th percentile) stay. */
    public record StuckContact(long contactId, String name, String company, String ownerName, String stage,
                               Instant since, double thresholdHours) implements Serializable {
    }

    /**
     * Speed-to-lead clocks started in the period: answered ones (median minutes to first contact), and the share
     * answered within the SLA among the decided ones (answered, or already past due).
     */
    public record SpeedToLead(long clocks, long answered, long answeredInTime, long overdueUnanswered,
                              Double medianMinutes) implements Serializable {
        public Double withinSla() {
            return ratio(answeredInTime, answered + overdueUnanswered);
        }
    }

    /** Contacts lost in the period and what became of them later. */
    public record Comeback(long lost, long reengagedAfterThreeMonths, long reenteredFunnel, long won)
            implements Serializable {
    }

    public enum TrendGrain { WEEK, MONTH }

    /** One week or month of the period: new leads, SQL entries, wins and losses, and the rates from them. */
    public record TrendPoint(LocalDate start, long newLeads, long sqls, long wins, long losses) implements Serializable {
        public Double winRate() {
            return ratio(wins, wins + losses);
        }

        public Double qualifiedToWon() {
            return ratio(wins, sqls);
        }

        public Double leadsPerSale() {
            return wins == 0 ? null : (double) newLeads / wins;
        }
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
