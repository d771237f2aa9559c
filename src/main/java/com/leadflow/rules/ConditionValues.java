package com.leadflow.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** Reads the text values of a field condition the same way for the validator, the compiler and the evaluator. */
final class ConditionValues {

    static final int MAX_TEXT_LENGTH = 500;
    static final int MAX_LIST_SIZE = 200;
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,9}");

    private ConditionValues() {
    }

    /** A whole number in plain ASCII digits, or null. */
    static Long number(String value) {
        if (value == null || !NUMBER.matcher(value).matches()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null; // beyond the range of a long
        }
    }

    /** A {@code yyyy-MM-dd} date from 1900 to 2999, or null. */
    static LocalDate date(String value) {
        if (value == null || !DATE.matcher(value).matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            return date.getYear() >= 1900 && date.getYear() <= 2999 ? date : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Dates are whole days on the database's clock, which is UTC. */
    static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The amount of a relative time, or null; its range depends on the unit. */
    static Integer amount(String value) {
        return value == null || !AMOUNT.matcher(value).matches() ? null : Integer.parseInt(value);
    }

    static TimeUnit unit(String value) {
        for (TimeUnit unit : TimeUnit.values()) {
            if (unit.name().equals(value)) {
                return unit;
            }
        }
        return null;
    }

    /** Text MariaDB stores as given: no unpaired UTF-16 surrogates, which utf8mb4 cannot hold. */
    static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(ch)) {
                return false;
            }
        }
        return true;
    }
}
