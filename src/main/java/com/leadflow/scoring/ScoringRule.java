package com.leadflow.scoring;

import com.leadflow.rules.Rule;

import java.io.Serializable;

/** One weighted rule of a scoring model: contacts matching {@code rule} get {@code points} (negative allowed). */
public record ScoringRule(Long id, ScoreGroup group, String name, int points, Rule rule) implements Serializable {

    public ScoringRule withId(Long newId) {
        return new ScoringRule(newId, group, name, points, rule);
    }
}
