package com.leadflow.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Dates and numbers in the user's language and time zone. */
public final class Formats {

    static final String TIME_ZONE = "leadflow.timeZone";

    private Formats() {
    }

    public static ZoneId zone() {
        VaadinSession session = VaadinSession.getCurrent();
        Object zone = session == null ? null : session.getAttribute(TIME_ZONE);
        return zone instanceof ZoneId z ? z : ZoneId.systemDefault();
    }

    public static Locale locale() {
        UI ui = UI.getCurrent();
        return ui == null ? Locale.ENGLISH : ui.getLocale();
    }

    public static String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).withZone(zone()).format(instant);
    }

    public static String date(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).withZone(zone())
                .format(instant);
    }

    public static String number(long n) {
        return NumberFormat.getIntegerInstance(locale()).format(n);
    }

    /** "3 days ago" style, in the user's language. */
    public static String relative(Instant instant) {
        if (instant == null) {
            return "";
        }
        UI ui = UI.getCurrent();
        Duration ago = Duration.between(instant, Instant.now());
        if (ago.isNegative() || ago.toMinutes() < 1) {
            return ui.getTranslation("time.justNow");
        }
        if (ago.toHours() < 1) {
            return ui.getTranslation("time.minutesAgo", ago.toMinutes());
        }
        if (ago.toDays() < 1) {
            return ui.getTranslation("time.hoursAgo", ago.toHours());
        }
        if (ago.toDays() < 60) {
            return ui.getTranslation("time.daysAgo", ago.toDays());
        }
        return ui.getTranslation("time.monthsAgo", ago.toDays() / 30);
    }
}
