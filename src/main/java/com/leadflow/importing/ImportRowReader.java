package com.leadflow.importing;

import com.leadflow.contact.ContactForm;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.contact.PreferredChannel;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Turns one CSV row into a contact form, or says (in the importer's language) why it cannot be imported: email
 * and name required, email/phone/country format, known enum values, readable dates, lengths — the same bean
 * validation the profile form uses.
 */
final class ImportRowReader {

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd.MM.yyyy"), DateTimeFormatter.ofPattern("d.M.yyyy"),
            DateTimeFormatter.ofPattern("yyyy/MM/dd"), DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"), DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm[:ss]"));

    private final ImportMapping mapping;
    private final Validator validator;
    /** (key, params) → text in the importer's language. */
    private final BiFunction<String, Object[], String> translate;
    private final ZoneId zone;

    ImportRowReader(ImportMapping mapping, Validator validator, BiFunction<String, Object[], String> translate,
                    ZoneId zone) {
        this.mapping = mapping;
        this.validator = validator;
        this.translate = translate;
        this.zone = zone;
    }

    /** Either a form or a rejection reason. */
    record Read(ContactForm form, String problem) {
    }

    Read read(List<String> cells) {
        ContactForm form = new ContactForm();
        String email = mapping.cell(cells, ImportField.EMAIL);
        if (email == null) {
            return problem("import.reject.emailRequired");
        }
        form.setEmail(email);
        form.setFirstName(nullToEmpty(mapping.cell(cells, ImportField.FIRST_NAME)));
        form.setLastName(nullToEmpty(mapping.cell(cells, ImportField.LAST_NAME)));
        form.setPhone(mapping.cell(cells, ImportField.PHONE));
        form.setCompany(mapping.cell(cells, ImportField.COMPANY));
        form.setJobTitle(mapping.cell(cells, ImportField.JOB_TITLE));
        String country = mapping.cell(cells, ImportField.COUNTRY);
        form.setCountry(country == null ? null : country.toUpperCase(Locale.ROOT));
        form.setCity(mapping.cell(cells, ImportField.CITY));
        form.setProductInterest(mapping.cell(cells, ImportField.PRODUCT_INTEREST));
        form.setFirstTouchCampaign(mapping.cell(cells, ImportField.FIRST_TOUCH_CAMPAIGN));
        try {
            String channel = mapping.cell(cells, ImportField.PREFERRED_CHANNEL);
            if (channel != null) {
                form.setPreferredChannel(enumValue(PreferredChannel.class, channel, ImportField.PREFERRED_CHANNEL));
            }
            String source = mapping.cell(cells, ImportField.FIRST_TOUCH_SOURCE);
            if (source != null) {
                form.setFirstTouchSource(enumValue(FirstTouchSource.class, source, ImportField.FIRST_TOUCH_SOURCE));
            }
            String stage = mapping.cell(cells, ImportField.LIFECYCLE_STAGE);
            if (stage != null) {
                form.setLifecycleStage(enumValue(LifecycleStage.class, stage, ImportField.LIFECYCLE_STAGE));
            }
            String date = mapping.cell(cells, ImportField.FIRST_TOUCH_AT);
            if (date != null) {
                form.setFirstTouchAt(date(date));
            }
        } catch (Rejected r) {
            return new Read(null, r.getMessage());
        }
        Set<ConstraintViolation<ContactForm>> violations = validator.validate(form);
        if (!violations.isEmpty()) {
            ConstraintViolation<ContactForm> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            String field = first.getPropertyPath().toString();
            return problem("import.reject.field", translate.apply("contact." + field, new Object[0]), first.getMessage());
        }
        return new Read(form, null);
    }

    private Read problem(String key, Object... params) {
        return new Read(null, translate.apply(key, params));
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String value, ImportField field) {
        String code = value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        try {
            return Enum.valueOf(type, code);
        } catch (IllegalArgumentException e) {
            throw new Rejected(translate.apply("import.reject.enum", new Object[]{
                    translate.apply("contact." + field.property(), new Object[0]), value,
                    String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())}));
        }
    }

    private Instant date(String value) {
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return LocalDateTime.parse(value, f).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(value, f).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Rejected(translate.apply("import.reject.date", new Object[]{value}));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }
}
