package com.leadflow.rules;

/** How a behaviour condition compares the number of activities with its count. */
public enum Comparison {
    AT_LEAST, AT_MOST, EXACTLY;

    boolean test(long actual, long expected) {
        return switch (this) {
            case AT_LEAST -> actual >= expected;
            case AT_MOST -> actual <= expected;
            case EXACTLY -> actual == expected;
        };
    }

    String sqlOperator() {
        return switch (this) {
            case AT_LEAST -> ">=";
            case AT_MOST -> "<=";
            case EXACTLY -> "=";
        };
    }
}
