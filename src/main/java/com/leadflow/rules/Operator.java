package com.leadflow.rules;

/** A comparison of a contact field with the values of a condition. */
public enum Operator {
    EQUALS(Arity.ONE), NOT_EQUALS(Arity.ONE), IN(Arity.LIST), NOT_IN(Arity.LIST),
    CONTAINS(Arity.ONE), STARTS_WITH(Arity.ONE), IS_EMPTY(Arity.NONE), IS_NOT_EMPTY(Arity.NONE),
    BETWEEN(Arity.TWO), GREATER_THAN(Arity.ONE), LESS_THAN(Arity.ONE), BEFORE(Arity.ONE), AFTER(Arity.ONE),
    /** Values: an amount and a {@link TimeUnit}, e.g. {@code ["3", "MONTHS"]}. */
    MORE_THAN_AGO(Arity.RELATIVE_TIME),
    /** Values: an amount and a {@link TimeUnit}, e.g. {@code ["30", "DAYS"]}. */
    LESS_THAN_AGO(Arity.RELATIVE_TIME),
    IS_TRUE(Arity.NONE), IS_FALSE(Arity.NONE);

    /** What the values list of a condition holds for an operator. */
    public enum Arity {
        /** No values; any given are ignored. */
        NONE,
        ONE,
        /** One or more values. */
        LIST,
        /** From and to, both included. */
        TWO,
        /** An amount and a time unit. */
        RELATIVE_TIME
    }

    private final Arity arity;

    Operator(Arity arity) {
        this.arity = arity;
    }

    public Arity arity() {
        return arity;
    }
}
