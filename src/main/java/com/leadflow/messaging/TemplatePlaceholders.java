package com.leadflow.messaging;

import org.springframework.web.util.HtmlUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The personalisation placeholders ({@code {{first_name}}} …) and how they are filled in. */
public final class TemplatePlaceholders {

    public static final String UNSUBSCRIBE = "unsubscribe_url";
    public static final List<String> ALL = List.of("first_name", "last_name", "company", "owner_name",
            "owner_signature", UNSUBSCRIBE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    private TemplatePlaceholders() {
    }

    /** Placeholders used in {@code text} that are not known, so the editor can name them. */
    public static List<String> unknown(String text) {
        if (text == null) {
            return List.of();
        }
        Matcher m = PLACEHOLDER.matcher(text);
        List<String> unknown = new java.util.ArrayList<>();
        while (m.find()) {
            if (!ALL.contains(m.group(1)) && !unknown.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    public static boolean hasUnsubscribeLink(String text) {
        return text != null && PLACEHOLDER.matcher(text).results().anyMatch(r -> r.group(1).equals(UNSUBSCRIBE));
    }

    /** Fills placeholders; in HTML the values are escaped (a company called {@code <b>} stays text). */
    public static String fill(String template, Map<String, String> values, boolean html) {
        if (template == null) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            if (html) {
                value = HtmlUtils.htmlEscape(value).replace("\n", "<br>");
                if (m.group(1).equals(UNSUBSCRIBE)) {
                    value = values.getOrDefault(UNSUBSCRIBE, ""); // a URL in an href: already safe (we built it)
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Map<String, String> values(String firstName, String lastName, String company, String ownerName,
                                      String ownerSignature, String unsubscribeUrl) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("first_name", nullToEmpty(firstName));
        values.put("last_name", nullToEmpty(lastName));
        values.put("company", nullToEmpty(company));
        values.put("owner_name", nullToEmpty(ownerName));
        values.put("owner_signature", nullToEmpty(ownerSignature));
        values.put(UNSUBSCRIBE, nullToEmpty(unsubscribeUrl));
        return values;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
