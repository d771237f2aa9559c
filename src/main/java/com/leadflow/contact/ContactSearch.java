package com.leadflow.contact;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.util.ArrayList;
import java.util.List;

/** The quick search every contact screen shares (the contact list, the board). */
public final class ContactSearch {

    private ContactSearch() {
    }

    /**
     * A {@code SELECT id …} of the contacts whose name, email or company starts with the search text, each branch on
     * its own index; join it as a derived table so it is computed once.
     */
    public static String matches(String search, MapSqlParameterSource params) {
        params.addValue("prefix", ContactQueries.escapeLike(search) + "%");
        List<String> branches = new ArrayList<>(List.of(
                "SELECT id FROM contact WHERE last_name LIKE :prefix",
                "SELECT id FROM contact WHERE first_name LIKE :prefix",
                "SELECT id FROM contact WHERE email LIKE :prefix",
                "SELECT id FROM contact WHERE company LIKE :prefix"));
        int space = search.indexOf(' ');
        if (space > 0) {
            // "Anna Iva" finds Anna Ivanova, and "Ivanova Anna" finds her too
            params.addValue("part1", ContactQueries.escapeLike(search.substring(0, space).trim()) + "%");
            params.addValue("part2", ContactQueries.escapeLike(search.substring(space + 1).trim()) + "%");
            branches.add("SELECT id FROM contact WHERE first_name LIKE :part1 AND last_name LIKE :part2");
            branches.add("SELECT id FROM contact WHERE last_name LIKE :part1 AND first_name LIKE :part2");
        }
        return String.join(" UNION ", branches);
    }
}
