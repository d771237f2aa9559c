package com.leadflow.metrics;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.base.ValidationFailedException;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.metrics.MetricsReport.*;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every figure of the dashboard on a small known data set: seven contacts of one campaign, the first quarter of
 * 2025, "now" in mid-June 2025. The comments give each expected figure's arithmetic.
 */
class MetricsServiceTest extends AbstractIntegrationTest {

    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-04-01T00:00:00Z");

    @Autowired
    MetricsService metrics;
    @Autowired
    JdbcTemplate jdbc;

    MetricsFixture data;
    long a, b, c, d, e, f, g;

    @BeforeEach
    void knownDataSet() {
        testClock.set(Instant.parse("2025-06-15T10:00:00Z"));
        data = new MetricsFixture(jdbc);
        long[] ids = data.sevenContacts();
        a = ids[0]; b = ids[1]; c = ids[2]; d = ids[3]; e = ids[4]; f = ids[5]; g = ids[6];

        data.sla(a, "2025-01-10T10:00:00", "2025-01-10T11:00:00", "2025-01-10T10:30:00"); // 30 min, in time
        data.sla(b, "2025-01-10T10:00:00", "2025-01-10T11:00:00", "2025-01-10T12:00:00"); // 120 min, late
        data.sla(c, "2025-01-16T10:00:00", "2025-01-16T11:00:00", null);                  // never answered
        data.sla(d, "2025-01-11T10:00:00", "2025-01-11T11:00:00", "2025-01-11T10:10:00"); // 10 min, in time
        data.sla(e, "2024-12-20T10:00:00", "2024-12-20T11:00:00", "2024-12-20T10:05:00"); // before the period

        data.activity(b, "PAGE_VIEW", "2025-05-01");  // 3+ months after B was lost (2025-01-20)
        data.activity(d, "EMAIL_OPEN", "2025-03-01"); // only one month after D was lost
        data.activity(d, "EMAIL_SENT", "2025-06-01"); // our email, not the contact's engagement
    }

    @AfterEach
    void cleanUp() {
        data.delete();
        clearAuthentication();
    }

    private MetricsFilter quarter() {
        return MetricsFilter.period(FROM, TO).withCampaign(data.campaign);
    }

    private static long entered(List<StageEntries> stages, String stage) {
        return stages.stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow().entered();
    }

    private static StageEntries stage(List<StageEntries> stages, String stage) {
        return stages.stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow();
    }

    @Test
    void headlineFunnelAndLifecycleFigures() {
        authenticate("erik");
        MetricsReport report = metrics.report(quarter(), null);

        Headline h = report.headline();
        assertThat(h.newLeads()).isEqualTo(6);   // A-F created in the quarter, G before it
        assertThat(h.mqls()).isEqualTo(3);       // A, B, C
        assertThat(h.sqls()).isEqualTo(2);       // A, B (G's SQL entry was in December)
        assertThat(h.wins()).isEqualTo(2);       // A, G
        assertThat(h.losses()).isEqualTo(2);     // B, D
        assertThat(h.leadsPerSale()).isEqualTo(3.0);
        assertThat(h.qualifiedToWon()).isEqualTo(1.0);
        assertThat(h.winRate()).isEqualTo(0.5);

        List<StageEntries> funnel = report.funnel();
        assertThat(funnel).extracting(StageEntries::stage).containsExactly("UNINTERESTED", "INTERESTED",
                "ACTIVE_REQUEST", "REQUEST_SENT", "AGREED_INVOICED", "PAYMENT_RECEIVED", "DELIVERED", "WON", "LOST");
        assertThat(funnel).extracting(StageEntries::entered).containsExactly(4L, 4L, 1L, 0L, 0L, 0L, 0L, 2L, 2L);
        assertThat(stage(funnel, "UNINTERESTED").conversionToNext()).isEqualTo(1.0);
        assertThat(stage(funnel, "INTERESTED").conversionToNext()).isEqualTo(0.25);
        assertThat(stage(funnel, "ACTIVE_REQUEST").conversionToNext()).isEqualTo(0.0);
        assertThat(stage(funnel, "REQUEST_SENT").conversionToNext()).isNull(); // nobody entered: no rate
        assertThat(stage(funnel, "WON").nextStage()).isNull();

        List<StageEntries> lifecycle = report.lifecycle();
        assertThat(lifecycle).extracting(StageEntries::entered).containsExactly(0L, 1L, 3L, 2L, 0L, 2L);
        assertThat(stage(lifecycle, "MQL").conversionToNext()).isEqualTo(2.0 / 3);
        assertThat(stage(lifecycle, "SQL").conversionToNext()).isEqualTo(0.0); // to OPPORTUNITY

        assertThat(report.sources().funnelHistory()).isTrue();
        assertThat(report.sources().costsVisible()).isTrue();
        assertThat(report.computedAt()).isEqualTo(Instant.parse("2025-06-15T10:00:00Z"));
    }

    @Test
    void winRatesBySourceAndChannel() {
        authenticate("erik");
        MetricsReport report = metrics.report(quarter(), null);

        assertThat(report.winRateBySource()).containsExactly(
                new WinRate("REFERRAL", 1, 0), new WinRate("WEB_FORM", 1, 1), new WinRate("AD", 0, 1));
        assertThat(report.winRateBySource().get(1).rate()).isEqualTo(0.5);
        assertThat(report.winRateByChannel()).containsExactly(new WinRate("EVENT", 2, 2));
    }

    @Test
    void campaignCostPerLeadAndCustomer() {
        authenticate("maria");
        CampaignFigures figures = metrics.report(quarter(), null).campaigns().getFirst();

        assertThat(figures.name()).isEqualTo(data.campaign);
        assertThat(figures.leads()).isEqualTo(7);      // all of its contacts, over the campaign's life
        assertThat(figures.mqls()).isEqualTo(4);       // A, G customers, B SQL, C MQL
        assertThat(figures.customers()).isEqualTo(2);  // A, G
        assertThat(figures.cost()).isEqualByComparingTo("1000.00");
        assertThat(figures.costPerLead()).isEqualByComparingTo("142.86");
        assertThat(figures.costPerCustomer()).isEqualByComparingTo("500.00");
    }

    @Test
    void aCampaignWithLeadsAndNoBuyersHasNoCostPerCustomer() {
        String flop = "Flop " + data.campaign;
        data.campaign(flop, "PAID_SEARCH", "2025-02-01", null, "10000");
        for (int i = 0; i < 3; i++) {
            data.contact("Flop" + i, "2025-02-02", null, null, "AD", "UNINTERESTED", "OPEN", "LEAD", flop);
        }
        authenticate("admin");
        CampaignFigures figures = metrics.report(MetricsFilter.period(FROM, TO).withCampaign(flop), null)
                .campaigns().getFirst();

        assertThat(figures.leads()).isEqualTo(3);
        assertThat(figures.customers()).isZero();
        assertThat(figures.costPerLead()).isEqualByComparingTo("3333.33");
        assertThat(figures.costPerCustomer()).isNull();
    }

    @Test
    void campaignsOutsideThePeriodAreNotListed() {
        authenticate("erik");
        MetricsFilter summer = MetricsFilter.period(Instant.parse("2025-07-01T00:00:00Z"),
                Instant.parse("2025-10-01T00:00:00Z")).withCampaign(data.campaign);
        assertThat(metrics.report(summer, null).campaigns()).isEmpty();
    }

    @Test
    void timeInStageAndStuckContacts() {
        authenticate("erik");
        MetricsReport report = metrics.report(quarter(), null);

        StageTime uninterested = report.timeInStage().getFirst();
        // stays ended in the quarter: A 2, B 4, C 6, E 16, D 21, G 99 days
        assertThat(uninterested.stage()).isEqualTo("UNINTERESTED");
        assertThat(uninterested.stays()).isEqualTo(6);
        assertThat(uninterested.medianHours()).isCloseTo(11 * 24, within(0.001));  // (6 + 16) / 2 days
        assertThat(uninterested.p90Hours()).isCloseTo(60 * 24, within(0.001));     // 21 + 0.5 * (99 - 21) days
        StageTime interested = report.timeInStage().get(1);
        assertThat(interested.stays()).isEqualTo(2);                               // A 3, B 6 days
        assertThat(interested.medianHours()).isCloseTo(4.5 * 24, within(0.001));
        assertThat(interested.p90Hours()).isCloseTo(5.7 * 24, within(0.001));
        assertThat(report.timeInStage().get(2).medianHours()).isCloseTo(5 * 24, within(0.001)); // A in ACTIVE_REQUEST
        assertThat(report.timeInStage().get(3).stays()).isZero();

        // INTERESTED has too few stays to know its 90th percentile, so 30 days; B is back there since May
        assertThat(report.stuck()).extracting(StuckContact::contactId).containsExactly(e, c, b);
        assertThat(report.stuck().getFirst().since()).isEqualTo(Instant.parse("2025-01-05T10:00:00Z"));
        assertThat(report.stuck().getFirst().thresholdHours()).isEqualTo(30 * 24.0);
    }

    @Test
    void speedToLead() {
        authenticate("erik");
        SpeedToLead speed = metrics.report(quarter(), null).speedToLead();

        assertThat(speed.clocks()).isEqualTo(4);
        assertThat(speed.answered()).isEqualTo(3);
        assertThat(speed.answeredInTime()).isEqualTo(2);
        assertThat(speed.overdueUnanswered()).isEqualTo(1);
        assertThat(speed.withinSla()).isEqualTo(0.5);       // 2 in time of 3 answered + 1 overdue
        assertThat(speed.medianMinutes()).isEqualTo(30.0);  // 10, 30, 120
    }

    @Test
    void aClockEndedByReassignmentCountsOnlyIfItWasMissedFirst() {
        // c was reassigned twice before its current clock: once in time, once after the clock had run out
        data.cancelledSla(c, "2025-01-15T09:00:00", "2025-01-15T09:30:00", "2025-01-15T09:10:00", null);
        data.cancelledSla(c, "2025-01-15T10:00:00", "2025-01-15T10:30:00", "2025-01-15T11:00:00", "2025-01-15T10:30:00");
        authenticate("erik");
        SpeedToLead speed = metrics.report(quarter(), null).speedToLead();

        assertThat(speed.clocks()).isEqualTo(5);
        assertThat(speed.answered()).isEqualTo(3);
        assertThat(speed.overdueUnanswered()).isEqualTo(1); // the missed, cancelled clock is no longer running
    }

    @Test
    void lostLeadComeback() {
        authenticate("erik");
        Comeback comeback = metrics.report(quarter(), null).comeback();

        assertThat(comeback.lost()).isEqualTo(2);                     // B, D
        assertThat(comeback.reengagedAfterThreeMonths()).isEqualTo(1); // B's page view in May
        assertThat(comeback.reenteredFunnel()).isEqualTo(1);          // B back to INTERESTED
        assertThat(comeback.won()).isZero();
    }

    @Test
    void monthlyAndWeeklyTrends() {
        authenticate("erik");
        List<TrendPoint> months = metrics.report(quarter(), TrendGrain.MONTH).trend();
        assertThat(months).containsExactly(
                new TrendPoint(LocalDate.parse("2025-01-01"), 6, 2, 1, 1),
                new TrendPoint(LocalDate.parse("2025-02-01"), 0, 0, 0, 1),
                new TrendPoint(LocalDate.parse("2025-03-01"), 0, 0, 1, 0));

        MetricsReport weekly = metrics.report(quarter(), null);
        assertThat(weekly.grain()).isEqualTo(TrendGrain.WEEK);
        assertThat(weekly.trend()).hasSize(14);
        assertThat(weekly.trend().getFirst().start()).isEqualTo(LocalDate.parse("2024-12-30"));
        assertThat(weekly.trend()).contains(
                new TrendPoint(LocalDate.parse("2025-01-06"), 6, 0, 0, 0),
                new TrendPoint(LocalDate.parse("2025-01-13"), 0, 2, 0, 0),
                new TrendPoint(LocalDate.parse("2025-01-20"), 0, 0, 1, 1),
                new TrendPoint(LocalDate.parse("2025-01-27"), 0, 0, 0, 1));
    }

    @Test
    void filtersByTeamOwnerSourceAndSegment() {
        authenticate("admin");
        assertThat(metrics.report(quarter().withTeam(data.teamId("South")), null).headline().newLeads())
                .isEqualTo(2); // E, F
        assertThat(metrics.report(quarter().withOwner(data.userId("olga")), null).headline().losses())
                .isEqualTo(1); // D
        assertThat(metrics.report(quarter().withSource(FirstTouchSource.AD), null).headline().newLeads())
                .isEqualTo(3); // C, D, E
        long segment = data.segment(a, c);
        MetricsReport inSegment = metrics.report(quarter().withSegment(segment), null);
        assertThat(inSegment.headline().newLeads()).isEqualTo(2);
        assertThat(inSegment.headline().wins()).isEqualTo(1);
    }

    @Test
    void salesRepSeesTheirTeamAndNoCosts() {
        authenticate("sam"); // North: A, B, C, D
        MetricsReport report = metrics.report(quarter(), null);

        assertThat(report.headline().newLeads()).isEqualTo(4);
        assertThat(report.headline().wins()).isEqualTo(1);
        assertThat(report.sources().costsVisible()).isFalse();
        CampaignFigures figures = report.campaigns().getFirst();
        assertThat(figures.leads()).isEqualTo(4);
        assertThat(figures.cost()).isNull();
        assertThat(figures.costPerLead()).isNull();
        // asking for another team's figures does not widen the view
        assertThat(metrics.report(quarter().withTeam(data.teamId("South")), null).headline().newLeads()).isZero();
    }

    @Test
    void aReversedOrMissingPeriodIsRefused() {
        authenticate("erik");
        assertThatThrownBy(() -> metrics.report(MetricsFilter.period(TO, FROM), null))
                .isInstanceOf(ValidationFailedException.class).hasMessage("metrics.periodReversed");
        assertThatThrownBy(() -> metrics.report(MetricsFilter.period(null, TO), null))
                .isInstanceOf(ValidationFailedException.class).hasMessage("metrics.periodRequired");
    }

    @Test
    void nobodyLoggedInIsRefused() {
        assertThatThrownBy(() -> metrics.report(quarter(), null))
                .isInstanceOf(org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
    }
}
