package com.leadflow.scoring.ui;

import com.leadflow.base.ui.Formats;
import com.leadflow.scoring.ScoreBreakdown;
import com.leadflow.scoring.ScoreGroup;
import com.leadflow.scoring.ScoringService;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;

/**
 * Why a contact has its score, for the contact profile: the total, the temperature and the MQL mark, each rule that
 * contributed with its points (and its full weight where engagement decayed), the caps that cut a group, and the
 * recent score changes from the timeline. Call {@link #show(long)} again to refresh it.
 */
public class ScoreExplanation extends Composite<Div> {

    private final ScoringService scoring;

    public ScoreExplanation(ScoringService scoring) {
        this.scoring = scoring;
        getContent().addClassName("score-explanation");
        getContent().setId("score-explanation");
    }

    public ScoreExplanation(ScoringService scoring, long contactId) {
        this(scoring);
        show(contactId);
    }

    /** Shows the explanation of the contact's current score. */
    public void show(long contactId) {
        ScoreBreakdown why = scoring.explain(contactId);
        Div content = getContent();
        content.removeAll();

        Span total = new Span(getTranslation("scoring.explain.total", why.score()));
        total.addClassName("score-total");
        total.setId("score-total");
        Span temperature = new Span(getTranslation("temperature." + why.temperature().name()));
        temperature.getElement().getThemeList().add("badge " + switch (why.temperature()) {
            case HOT -> "error";
            case WARM -> "warning";
            case COLD -> "contrast";
        });
        temperature.setId("score-temperature");
        Div header = new Div(total, temperature);
        header.addClassName("score-header");
        if (why.mql()) {
            Span mql = new Span(getTranslation("scoring.explain.mql"));
            mql.getElement().getThemeList().add("badge success");
            mql.setId("score-mql");
            header.add(mql);
        }
        content.add(header);

        UnorderedList lines = new UnorderedList();
        lines.addClassName("score-lines");
        lines.setId("score-lines");
        if (why.lines().isEmpty()) {
            lines.add(new ListItem(getTranslation("scoring.explain.none")));
        }
        for (ScoreBreakdown.Line line : why.lines()) {
            Span points = new Span(signed(line.points()));
            points.addClassName(line.points() < 0 ? "score-points-negative" : "score-points");
            ListItem item = new ListItem(points, new Span(" " + line.ruleName()),
                    new Span(" · " + getTranslation("scoring.group." + line.group().name())));
            if (line.points() != line.weight()) {
                Span decayed = new Span(" " + getTranslation("scoring.explain.decayed", signed(line.weight())));
                decayed.addClassName("score-decayed");
                item.add(decayed);
            }
            item.addClassName("score-line");
            lines.add(item);
        }
        content.add(lines);
        if (why.fitCapped()) {
            content.add(note(getTranslation("scoring.explain.capped", getTranslation("scoring.group." + ScoreGroup.FIT),
                    why.fitPoints(), why.fitCap())));
        }
        if (why.engagementCapped()) {
            content.add(note(getTranslation("scoring.explain.capped",
                    getTranslation("scoring.group." + ScoreGroup.ENGAGEMENT), why.engagementPoints(),
                    why.engagementCap())));
        }

        if (!why.recentChanges().isEmpty()) {
            content.add(new H4(getTranslation("scoring.explain.history")));
            UnorderedList history = new UnorderedList();
            history.setId("score-history");
            for (ScoreBreakdown.ScoreChange change : why.recentChanges()) {
                String temperatures = change.fromTemperature() == null || change.toTemperature() == null
                        || change.fromTemperature() == change.toTemperature() ? ""
                        : " (" + getTranslation("temperature." + change.fromTemperature().name()) + " → "
                                + getTranslation("temperature." + change.toTemperature().name()) + ")";
                history.add(new ListItem(Formats.dateTime(change.at()) + ": " + change.fromScore() + " → "
                        + change.toScore() + temperatures));
            }
            content.add(history);
        }
    }

    private static Span note(String text) {
        Span note = new Span(text);
        note.addClassName("score-cap");
        return note;
    }

    private static String signed(int points) {
        return points > 0 ? "+" + points : points < 0 ? "−" + Math.abs(points) : "0";
    }
}
