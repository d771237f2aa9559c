package com.leadflow.rules;

import com.leadflow.base.ValidationFailedException;

import java.util.List;

/** A rule that cannot be read, compiled or evaluated; the problems say what to fix. */
public class RuleValidationException extends ValidationFailedException {

    private final transient List<RuleProblem> problems;

    public RuleValidationException(List<RuleProblem> problems) {
        super("rules.invalid", problems.size());
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "RuleValidationException" + problems;
    }
}
