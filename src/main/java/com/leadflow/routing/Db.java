package com.leadflow.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** DATETIME columns hold UTC wall-clock time whatever the JVM's zone (as the rules engine and JPA read them). */
final class Db {

    private Db() {
    }

    static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant read(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** A DATETIME value from a {@code queryForList} row. */
    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            case Timestamp t -> t.toLocalDateTime().toInstant(ZoneOffset.UTC);
            default -> throw new IllegalArgumentException("not a time: " + value.getClass());
        };
    }
}
