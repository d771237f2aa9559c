package com.leadflow.rules;

import java.util.List;

import static com.leadflow.rules.Operator.*;

/** The type of a catalog field; it decides the operators and how values are read. */
public enum FieldType {
    TEXT(List.of(EQUALS, NOT_EQUALS, IN, NOT_IN, CONTAINS, STARTS_WITH, IS_EMPTY, IS_NOT_EMPTY)),
    ENUM(List.of(EQUALS, NOT_EQUALS, IN, NOT_IN, IS_EMPTY, IS_NOT_EMPTY)),
    NUMBER(List.of(EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER_THAN, LESS_THAN, BETWEEN, IS_EMPTY, IS_NOT_EMPTY)),
    DATE(List.of(BEFORE, AFTER, BETWEEN, MORE_THAN_AGO, LESS_THAN_AGO, IS_EMPTY, IS_NOT_EMPTY)),
    BOOLEAN(List.of(IS_TRUE, IS_FALSE));

    private final List<Operator> operators;

    FieldType(List<Operator> operators) {
        this.operators = operators;
    }

    public List<Operator> operators() {
        return operators;
    }
}
