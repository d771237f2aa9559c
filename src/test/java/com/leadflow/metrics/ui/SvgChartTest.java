package com.leadflow.metrics.ui;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartTest {

    @Test
    void funnelBarsCarryTheirNumberTheirHoverTextAndTheirLink() {
        String svg = SvgChart.funnel(List.of(
                new SvgChart.Bar("Interested", 200, "200", "Interested: 200 entered", "contacts?entered=INTERESTED&x=1"),
                new SvgChart.Bar("Won", 50, "50", "Won: 50", null)), "Funnel");

        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("aria-label=\"Funnel\"")
                .contains("<a href=\"contacts?entered=INTERESTED&amp;x=1\">")
                .contains("<title>Interested: 200 entered</title>")
                .contains(">200</text>", ">50</text>");
        // the largest bar takes the whole width, the other its share, centred
        assertThat(svg).contains("width=\"380.0\"", "width=\"95.0\"");
    }

    @Test
    void textIsEscaped() {
        String svg = SvgChart.bars(List.of(new SvgChart.Bar("<script>\"x\" & y", 1, "1", "t'", null)), "a");
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;&quot;x&quot; &amp; y", "t&#39;");
    }

    @Test
    void aMissingValueBreaksTheLineInsteadOfDrawingAZero() {
        String svg = SvgChart.lines(List.of("W1", "W2", "W3", "W4"),
                List.of(new SvgChart.Series("Win rate", Arrays.asList(0.5, null, 0.25, 1.0))), "Trend",
                v -> Math.round(v * 100) + "%");

        String path = svg.substring(svg.indexOf(" d=\"") + 4, svg.indexOf("\"", svg.indexOf(" d=\"") + 4));
        assertThat(path.chars().filter(ch -> ch == 'M').count()).isEqualTo(2);
        assertThat(svg).contains("<title>Win rate · W1: 50%</title>").doesNotContain("W2: ");
        assertThat(svg).contains(">100%</text>", ">0%</text>"); // axis from 0 to a round top
    }

    @Test
    void axisTopsAreRoundNumbers() {
        assertThat(SvgChart.niceCeiling(0.37)).isEqualTo(0.5);
        assertThat(SvgChart.niceCeiling(7)).isEqualTo(10);
        assertThat(SvgChart.niceCeiling(180)).isEqualTo(200);
        assertThat(SvgChart.niceCeiling(2400)).isEqualTo(2500);
    }
}
