package com.leadflow.rules;

import java.util.List;

/**
 * A rule as SQL over the contact table aliased {@code c}: {@code SELECT c.id FROM contact c WHERE <sql>}, with
 * every value a bound parameter in the order of the {@code ?} marks.
 */
public record SqlPredicate(String sql, List<Object> params) {

    public SqlPredicate {
        params = List.copyOf(params);
    }
}
