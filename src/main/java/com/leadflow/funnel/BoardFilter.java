package com.leadflow.funnel;

import com.leadflow.contact.ContactFilter.OwnerScope;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.Temperature;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the board is narrowed to; every part is optional. It round-trips through URL query parameters so a board
 * view can be shared as a link.
 */
public record BoardFilter(OwnerScope owner, Long teamId, Long segmentId, Temperature temperature,
                          FirstTouchSource source, String search) implements Serializable {

    public static BoardFilter all() {
        return new BoardFilter(OwnerScope.ALL, null, null, null, null, null);
    }

    public OwnerScope ownerOrAll() {
        return owner == null ? OwnerScope.ALL : owner;
    }

    /** Whether the board shows every open contact: no owner scope, team, segment, temperature, source or search. */
    public boolean isUnfiltered() {
        return ownerOrAll() == OwnerScope.ALL && teamId == null && segmentId == null && temperature == null
                && source == null && searchText().isEmpty();
    }

    public String searchText() {
        return search == null ? "" : search.trim();
    }

    /** The filter as query parameters; parts that are not set are left out. */
    public Map<String, List<String>> toParameters() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        if (owner != null) {
            p.put("owner", List.of(owner.name().toLowerCase()));
        }
        if (teamId != null) {
            p.put("team", List.of(teamId.toString()));
        }
        if (segmentId != null) {
            p.put("segment", List.of(segmentId.toString()));
        }
        if (temperature != null) {
            p.put("temperature", List.of(temperature.name().toLowerCase()));
        }
        if (source != null) {
            p.put("source", List.of(source.name().toLowerCase()));
        }
        if (!searchText().isEmpty()) {
            p.put("q", List.of(searchText()));
        }
        return p;
    }

    /** Reads the filter from query parameters; unknown or malformed values are ignored, never an error page. */
    public static BoardFilter fromParameters(Map<String, List<String>> p, OwnerScope defaultOwner) {
        return new BoardFilter(
                parse(first(p, "owner"), OwnerScope.class, defaultOwner),
                parseLong(first(p, "team")),
                parseLong(first(p, "segment")),
                parse(first(p, "temperature"), Temperature.class, null),
                parse(first(p, "source"), FirstTouchSource.class, null),
                first(p, "q"));
    }

    private static String first(Map<String, List<String>> p, String key) {
        List<String> values = p.get(key);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static <E extends Enum<E>> E parse(String value, Class<E> type, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static Long parseLong(String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
