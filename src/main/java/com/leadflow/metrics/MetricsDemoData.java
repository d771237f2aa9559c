package com.leadflow.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.leadflow.demo.DemoProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Demo mode: the demo contacts' first-touch campaigns as campaigns with a channel, a period (their first and last
 * lead) and a cost (a per-lead price typical of the channel, so cost per lead and per customer tell a story), and
 * lifecycle histories for the generated contacts (the funnel history is the board's demo data), so the dashboard
 * has something to show on first start.
 */
@Component
@Order(25) // after the demo contacts (0), the default segments (10) and the board's demo stage history (20)
@ConditionalOnProperty(name = "leadflow.demo.enabled", havingValue = "true", matchIfMissing = true)
class MetricsDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MetricsDemoData.class);

    /** name, channel, price per lead, still running (no end date). */
    record DemoCampaign(String name, String channel, String perLead, boolean running) {
    }

    static final List<DemoCampaign> CAMPAIGNS = List.of(
            new DemoCampaign("Spring Product Launch 2026", "EMAIL", "12", false),
            new DemoCampaign("Lead Nurturing Webinar Series", "WEBINAR", "35", true),
            new DemoCampaign("Monthly Newsletter", "EMAIL", "2", true),
            new DemoCampaign("Black Friday Offer", "EMAIL", "60", false),
            new DemoCampaign("Google Ads: CRM for SMB", "PAID_SEARCH", "45", true),
            new DemoCampaign("Яндекс Директ: автоматизация продаж", "PAID_SEARCH", "40", true),
            new DemoCampaign("LinkedIn: Sales Playbook", "PAID_SOCIAL", "80", false),
            new DemoCampaign("VK Реклама: малый бизнес", "PAID_SOCIAL", "25", false),
            new DemoCampaign("Web Summit Lisbon", "EVENT", "150", false),
            new DemoCampaign("Иннопром, Екатеринбург", "EVENT", "120", false),
            new DemoCampaign("E-book: The Lead Scoring Handbook", "CONTENT", "15", true),
            new DemoCampaign("Case study: Retail follow-up in minutes", "CONTENT", "20", true),
            new DemoCampaign("Partner referral programme", "REFERRAL", "30", true));

    private final JdbcTemplate jdbc;
    private final StageHistoryBackfill backfill;
    private final DemoProperties demo;

    MetricsDemoData(JdbcTemplate jdbc, StageHistoryBackfill backfill, DemoProperties demo) {
        this.jdbc = jdbc;
        this.backfill = backfill;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        // only where demo contacts are generated: the tests and the benchmark database (which fills itself in
        // MetricsBenchmark) configure none
        if (demo.getContacts() > 0) {
            fill();
        }
    }

    /** Demo campaigns, and lifecycle history alongside them; nothing when there are campaigns already. */
    void fill() {
        if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM campaign)", Boolean.class))) {
            return;
        }
        int campaigns = createCampaigns();
        if (campaigns == 0) {
            return; // no demo contacts here: never invent history for real ones
        }
        int lifecycle = backfill.fillLifecycleHistoryIfEmpty();
        log.info("Demo campaigns: {}; demo lifecycle history: {} moves", campaigns, lifecycle);
    }

    /** One statement: only campaigns that demo contacts name, priced by their number of leads. */
    private int createCampaigns() {
        List<String> rows = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (DemoCampaign c : CAMPAIGNS) {
            rows.add("SELECT ? AS name, ? AS channel, ? AS per_lead, ? AS running");
            params.addAll(List.of(c.name(), c.channel(), new BigDecimal(c.perLead()), c.running()));
        }
        return jdbc.update("""
                INSERT INTO campaign (name, channel, starts_on, ends_on, cost, created_at, updated_at)
                SELECT d.name, d.channel, DATE(MIN(c.first_touch_at)),
                       CASE WHEN d.running THEN NULL ELSE DATE(MAX(c.first_touch_at)) END,
                       ROUND(GREATEST(COUNT(*) * d.per_lead, 500), -2), NOW(6), NOW(6)
                FROM (%s) d JOIN contact c ON c.first_touch_campaign = d.name AND c.first_touch_at IS NOT NULL
                GROUP BY d.name, d.channel, d.per_lead, d.running""".formatted(String.join(" UNION ALL ", rows)),
                params.toArray());
    }
}
