package dev.vigil.jdbc.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Binding and reading the store's values: instants as {@code TIMESTAMP WITH TIME ZONE} to the microsecond. */
final class Sql {

    private Sql() {
    }

    /** {@code instant} as the store keeps it: to the microsecond, the precision of PostgreSQL's timestamps. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
        }
    }

    static @Nullable Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant requiredInstant(ResultSet rows, String column) throws SQLException {
        Instant value = instant(rows, column);
        if (value == null) {
            throw new SQLException("column " + column + " is null");
        }
        return value;
    }

    static void setNullableString(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** {@code count} question marks separated by commas. */
    static String marks(int count) {
        return "?, ".repeat(count - 1) + "?";
    }

    /** Splits {@code items} into chunks of at most {@code size}, for IN lists and batches. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }

    /**
     * The {@code WHERE} clause of a filtered listing: each condition whose value is given (null means "any"), bound in
     * the order added. Columns are the store's own names, never caller input.
     */
    static final class Where {
        private final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        private final List<Object> values = new java.util.ArrayList<>();

        /** {@code column = value} when {@code value} is given; an enum is compared by its name. */
        Where equal(String column, @Nullable Object value) {
            return condition(column + " = ?", value instanceof Enum<?> constant ? constant.name() : value);
        }

        /** {@code column >= value} when {@code value} is given. */
        Where atLeast(String column, @Nullable Instant value) {
            return condition(column + " >= ?", value);
        }

        private Where condition(String condition, @Nullable Object value) {
            if (value != null) {
                sql.append(" AND ").append(condition);
                values.add(value);
            }
            return this;
        }

        /** The clause, starting with a space. */
        @Override
        public String toString() {
            return sql.toString();
        }

        /** Binds the values from parameter 1 on and returns the index of the next parameter. */
        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            for (Object value : values) {
                if (value instanceof Instant instant) {
                    setInstant(statement, index++, instant);
                } else {
                    statement.setString(index++, value.toString());
                }
            }
            return index;
        }
    }
}
