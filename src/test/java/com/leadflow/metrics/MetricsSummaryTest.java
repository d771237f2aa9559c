package com.leadflow.metrics;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.metrics.MetricsReport.TrendGrain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-aggregated summary (decision 016) gives exactly the live figures: on the known data set of
 * {@link MetricsServiceTest}, for the whole company, a team and a sales rep, by week and by month; and again after
 * a new stage move, a lifecycle move, a change of team and a deleted contact, each followed by an incremental refresh.
 */
class MetricsSummaryTest extends AbstractIntegrationTest {

    static final Instant FROM = MetricsServiceTest.FROM;
    static final Instant TO = MetricsServiceTest.TO;

    @Autowired
    MetricsService metrics;
    @Autowired
    MetricsSummary summary;
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
        // twice into INTERESTED within the quarter: counted once
        data.funnel(c, "INTERESTED", "UNINTERESTED", "2025-02-03");
        data.funnel(c, "UNINTERESTED", "INTERESTED", "2025-02-05");
        data.sla(a, "2025-01-10T10:00:00", "2025-01-10T11:00:00", "2025-01-10T10:30:00");
        data.sla(c, "2025-01-16T10:00:00", "2025-01-16T11:00:00", null);
        data.activity(b, "PAGE_VIEW", "2025-05-01");
        data.activity(d, "EMAIL_OPEN", "2025-03-01");
    }

    @AfterEach
    void cleanUp() {
        data.delete();
        clearAuthentication();
    }

    /** Refreshes the summary, waiting for a scheduled run that may hold the lock at this moment. */
    private MetricsSummary.Result refreshed() throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            MetricsSummary.Result result = summary.refresh();
            if (result.ran()) {
                return result;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the summary refresh lock was never free");
    }

    private void assertSummaryEqualsLive(String user, MetricsFilter filter) {
        authenticate(user);
        for (TrendGrain grain : new TrendGrain[]{TrendGrain.WEEK, TrendGrain.MONTH}) {
            MetricsReport fromSummary = metrics.report(filter, grain);
            MetricsReport live = metrics.live(filter, grain);
            assertThat(fromSummary.live()).as("read from the summary").isFalse();
            assertThat(live.live()).isTrue();
            assertThat(fromSummary.headline()).as(user + " headline").isEqualTo(live.headline());
            assertThat(fromSummary.funnel()).as(user + " funnel").isEqualTo(live.funnel());
            assertThat(fromSummary.lifecycle()).as(user + " lifecycle").isEqualTo(live.lifecycle());
            assertThat(fromSummary.winRateBySource()).as(user + " by source").isEqualTo(live.winRateBySource());
            assertThat(fromSummary.winRateByChannel()).as(user + " by channel").isEqualTo(live.winRateByChannel());
            assertThat(fromSummary.campaigns()).as(user + " campaigns").isEqualTo(live.campaigns());
            assertThat(fromSummary.timeInStage()).as(user + " time in stage").hasSameSizeAs(live.timeInStage());
            for (int i = 0; i < live.timeInStage().size(); i++) {
                var expected = live.timeInStage().get(i);
                var actual = fromSummary.timeInStage().get(i);
                assertThat(actual.stage()).isEqualTo(expected.stage());
                assertThat(actual.stays()).as(user + " stays in " + expected.stage()).isEqualTo(expected.stays());
                // interpolated in Java rather than in SQL decimals: equal up to rounding
                assertThat(actual.medianHours()).as(user + " median " + expected.stage())
                        .isCloseTo(expected.medianHours(), org.assertj.core.api.Assertions.within(1e-9));
                assertThat(actual.p90Hours()).as(user + " p90 " + expected.stage())
                        .isCloseTo(expected.p90Hours(), org.assertj.core.api.Assertions.within(1e-9));
            }
            assertThat(fromSummary.stuck()).as(user + " stuck").isEqualTo(live.stuck());
            assertThat(fromSummary.speedToLead()).as(user + " speed").isEqualTo(live.speedToLead());
            assertThat(fromSummary.comeback()).as(user + " comeback").isEqualTo(live.comeback());
            assertThat(fromSummary.trend()).as(user + " trend").isEqualTo(live.trend());
        }
        clearAuthentication();
    }

    private void assertAllScopesAgree() {
        MetricsFilter quarter = MetricsFilter.period(FROM, TO);
        assertSummaryEqualsLive("erik", quarter);
        assertSummaryEqualsLive("erik", quarter.withTeam(data.teamId("North")));
        assertSummaryEqualsLive("admin", quarter.withTeam(data.teamId("South")));
        assertSummaryEqualsLive("sam", quarter);
        assertSummaryEqualsLive("maria", MetricsFilter.period(Instant.parse("2024-10-01T00:00:00Z"), TO));
        // a quarter in Moscow time: whole hours, not whole UTC days (edge days read from the stays themselves)
        assertSummaryEqualsLive("erik", MetricsFilter.period(Instant.parse("2024-12-31T21:00:00Z"),
                Instant.parse("2025-03-31T21:00:00Z")));
        assertSummaryEqualsLive("erik", MetricsFilter.period(Instant.parse("2025-01-20T05:00:00Z"),
                Instant.parse("2025-01-20T15:00:00Z")));
    }

    @Test
    void summaryFiguresEqualTheLiveOnes() throws InterruptedException {
        MetricsSummary.Result result = refreshed();
        assertThat(result.asOf()).isEqualTo(Instant.parse("2025-06-15T10:00:00Z"));
        assertAllScopesAgree();

        authenticate("erik");
        MetricsReport report = metrics.report(MetricsFilter.period(FROM, TO), null);
        assertThat(report.summaryAsOf()).isEqualTo(Instant.parse("2025-06-15T10:00:00Z"));
        // a filter the summary does not keep is computed live
        assertThat(metrics.report(MetricsFilter.period(FROM, TO).withCampaign(data.campaign), null).live()).isTrue();
        assertThat(metrics.report(MetricsFilter.period(FROM.plusSeconds(60), TO), null).live()).isTrue();
    }

    @Test
    void anIncrementalRefreshPicksUpNewMovesTeamChangesAndDeletions() throws InterruptedException {
        refreshed();
        authenticate("erik");
        MetricsFilter north = MetricsFilter.period(FROM, TO).withTeam(data.teamId("North"));
        long winsBefore = metrics.report(north, null).headline().wins();

        testClock.set(Instant.parse("2025-06-16T09:00:00Z"));
        data.funnel(c, "INTERESTED", "WON", "2025-03-20");   // C won in the quarter
        data.lifecycle(c, "MQL", "SQL", "2025-03-18");
        data.funnel(d, "LOST", "INTERESTED", "2025-06-01");  // D came back after its loss
        // not refreshed yet: the summary still shows the figures as of its last refresh
        assertThat(metrics.report(north, null).headline().wins()).isEqualTo(winsBefore);

        MetricsSummary.Result result = refreshed();
        assertThat(result.rebuilt()).isFalse();
        assertThat(result.days()).isPositive();
        assertThat(metrics.report(north, null).headline().wins()).isEqualTo(winsBefore + 1);
        assertThat(metrics.report(north, null).summaryAsOf()).isEqualTo(Instant.parse("2025-06-16T09:00:00Z"));
        clearAuthentication();
        assertAllScopesAgree();

        authenticate("erik");
        MetricsReport before = metrics.report(MetricsFilter.period(FROM, TO), null);
        jdbc.update("UPDATE contact SET team_id = ? WHERE id = ?", data.teamId("South"), a); // A moves to South
        jdbc.update("DELETE FROM contact WHERE id = ?", e);
        // until the next refresh the summary is still the snapshot it was, whole (the deleted stays included)
        assertThat(metrics.report(MetricsFilter.period(FROM, TO), null).timeInStage()).isEqualTo(before.timeInStage());
        clearAuthentication();
        refreshed();
        assertAllScopesAgree();
    }

    @Test
    void aRebuildGivesTheSameFiguresAsTheIncrementalRefreshes() throws InterruptedException {
        refreshed();
        MetricsSummary.Result rebuilt = summary.rebuild();
        if (rebuilt.ran()) {
            assertThat(rebuilt.rebuilt()).isTrue();
        }
        assertAllScopesAgree();
    }

    @Test
    void theSummaryRangesSplitAtGapsAndAtAMonthOfDays() {
        List<java.time.LocalDate> days = new java.util.ArrayList<>();
        java.time.LocalDate start = java.time.LocalDate.parse("2025-01-01");
        for (int i = 0; i < 40; i++) {
            days.add(start.plusDays(i));
        }
        days.add(start.plusDays(50));
        assertThat(MetricsSummary.ranges(days)).extracting(List::size).containsExactly(31, 9, 1);
    }
}
