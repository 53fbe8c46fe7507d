package dev.vigil.jdbc.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rows a query returned, as JSON-friendly values: numbers, strings, booleans, {@code null},
 * ISO-8601 strings for dates and times, base64 (or {@code "<n bytes>"}) for binary values and lists
 * for arrays. Long text is cut and ends with {@code "… (n characters)"}; redacted columns hold
 * {@code "***"}.
 *
 * <p>Serialised as {@code {"columns": [...], "rows": [[...]], "rowCount": n, "truncated": b,
 * "elapsedMs": t}}.
 *
 * @param columns   the column labels, in order (labels may repeat)
 * @param rows      the rows, each with one value per column
 * @param rowCount  the number of rows
 * @param truncated true when the query had more rows than {@code maxRows}, or the values went over
 *                  the result size cap, and rows were left out
 * @param elapsedMs how long validating, running and reading took
 */
public record QueryResult(List<String> columns, List<List<@Nullable Object>> rows, int rowCount, boolean truncated,
        long elapsedMs) {

    /** Copies {@code columns} and {@code rows}, and checks every row has one value per column. */
    public QueryResult {
        columns = List.copyOf(columns);
        List<List<@Nullable Object>> copies = new ArrayList<>(rows.size());
        for (List<@Nullable Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " values for " + columns.size() + " columns");
            }
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
        if (rowCount != rows.size()) {
            throw new IllegalArgumentException("rowCount " + rowCount + " but " + rows.size() + " rows");
        }
        if (elapsedMs < 0) {
            throw new IllegalArgumentException("elapsedMs must not be negative, was " + elapsedMs);
        }
    }

    /** A result of {@code rows}, counted. */
    static QueryResult of(List<String> columns, List<List<@Nullable Object>> rows, boolean truncated, long elapsedMs) {
        return new QueryResult(columns, Objects.requireNonNull(rows, "rows"), rows.size(), truncated, elapsedMs);
    }
}
