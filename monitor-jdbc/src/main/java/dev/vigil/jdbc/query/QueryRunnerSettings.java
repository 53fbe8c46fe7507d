package dev.vigil.jdbc.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Limits and policies of {@link ReadOnlyQueryRunner}; immutable, built with {@link #builder()}.
 * Every setting is named after the {@code monitor.query.*} property it maps to.
 */
public final class QueryRunnerSettings {

    /** A query gets 5 seconds unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** At most 2 queries run at once unless configured otherwise: an admin console, not a workload. */
    public static final int DEFAULT_MAX_CONCURRENT_QUERIES = 2;
    /** The most {@code monitor.query.max-concurrent} may be. */
    public static final int MAX_CONCURRENT_QUERIES_LIMIT = 64;
    /**
     * On the application's own HikariCP pool, a query is refused unless 2 connections would still be
     * left for the application, unless configured otherwise.
     */
    public static final int DEFAULT_POOL_RESERVE = 2;
    /** 100 rows unless the request asks for another number. */
    public static final int DEFAULT_MAX_ROWS = 100;
    /** A request may ask for at most 1000 rows unless configured otherwise; more is cut to this. */
    public static final int DEFAULT_MAX_ROWS_CAP = 1000;
    /** Queries longer than 16384 characters are rejected unless configured otherwise. */
    public static final int DEFAULT_MAX_QUERY_LENGTH = 16 * 1024;
    /** At most 1 MiB of value text per result unless configured otherwise; rows past it are left out. */
    public static final int DEFAULT_MAX_RESULT_CHARS = 1024 * 1024;
    /** A single value is cut at 64 KiB of text unless configured otherwise. */
    public static final int DEFAULT_MAX_CELL_CHARS = 64 * 1024;
    /** Row generators ({@code generate_series}, H2's {@code SYSTEM_RANGE}) make at most 100,000 rows per query unless configured otherwise. */
    public static final int DEFAULT_MAX_SERIES_ROWS = 100_000;
    /** Columns whose label contains one of these (ignoring case) are redacted unless configured otherwise. */
    public static final List<String> DEFAULT_REDACTED_COLUMNS = List.of("password", "passwd", "secret", "token",
            "api_key", "apikey", "private_key", "credit_card", "ssn");

    private static final QueryRunnerSettings DEFAULTS = builder().build();

    private final Duration timeout;
    private final int maxConcurrentQueries;
    private final int poolReserve;
    private final int defaultMaxRows;
    private final int maxRowsCap;
    private final int maxQueryLength;
    private final int maxResultChars;
    private final int maxCellChars;
    private final int maxSeriesRows;
    private final Set<String> allowedTables;
    private final List<String> redactedColumns;

    private QueryRunnerSettings(Builder builder) {
        this.timeout = builder.timeout;
        this.maxConcurrentQueries = builder.maxConcurrentQueries;
        this.poolReserve = builder.poolReserve;
        this.defaultMaxRows = builder.defaultMaxRows;
        this.maxRowsCap = builder.maxRowsCap;
        this.maxQueryLength = builder.maxQueryLength;
        this.maxResultChars = builder.maxResultChars;
        this.maxCellChars = builder.maxCellChars;
        this.maxSeriesRows = builder.maxSeriesRows;
        this.allowedTables = Set.copyOf(builder.allowedTables);
        this.redactedColumns = List.copyOf(builder.redactedColumns);
    }

    /** The defaults. */
    public static QueryRunnerSettings ofDefaults() {
        return DEFAULTS;
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How long a query may run ({@code monitor.query.timeout}), from the moment it is handed to a
     * worker: getting a connection, running and reading. The runner answers "timed out" at this
     * deadline whatever the database does, and cancels the statement; the same time is also
     * PostgreSQL's {@code statement_timeout} for the transaction and the driver's query timeout
     * (rounded up to whole seconds).
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * How many queries may run at once ({@code monitor.query.max-concurrent}); one more is refused
     * at once as {@link RejectionReason#BUSY}. A query holds its place until its statement has really
     * ended, even after its caller was answered "timed out".
     */
    public int maxConcurrentQueries() {
        return maxConcurrentQueries;
    }

    /**
     * Connections of the application's own HikariCP pool that a query must leave to the application
     * ({@code monitor.query.pool-reserve}): when borrowing one would leave fewer free, or someone is
     * already waiting for one, the query is refused as {@link RejectionReason#BUSY}. Applies only to
     * a runner declared on the application's data source; 0 turns the check off.
     */
    public int poolReserve() {
        return poolReserve;
    }

    /** Rows returned when a request does not say ({@code monitor.query.max-rows}). */
    public int defaultMaxRows() {
        return defaultMaxRows;
    }

    /** The most rows a request may ask for ({@code monitor.query.max-rows-cap}); larger requests get this many. */
    public int maxRowsCap() {
        return maxRowsCap;
    }

    /** Longer queries are rejected unread ({@code monitor.query.max-query-length}, characters). */
    public int maxQueryLength() {
        return maxQueryLength;
    }

    /** Characters of value text per result; reading stops before the row that would pass it ({@code monitor.query.max-result-chars}). */
    public int maxResultChars() {
        return maxResultChars;
    }

    /** Characters kept of a single value ({@code monitor.query.max-cell-chars}). */
    public int maxCellChars() {
        return maxCellChars;
    }

    /**
     * The most rows the row generators of one query may make together ({@code monitor.query.max-series-rows}):
     * {@code generate_series} and H2's {@code SYSTEM_RANGE} run only with numeric literal bounds, and the
     * product of their row counts must stay within this.
     */
    public int maxSeriesRows() {
        return maxSeriesRows;
    }

    /**
     * The only tables a query may refer to ({@code monitor.query.allowed-tables}), lower case, each
     * {@code table} (any schema) or {@code schema.table} (that schema only); empty allows every table
     * the role can read.
     */
    public Set<String> allowedTables() {
        return allowedTables;
    }

    /** Substrings (lower case) that mark a column as redacted ({@code monitor.query.redacted-columns}); empty redacts nothing. */
    public List<String> redactedColumns() {
        return redactedColumns;
    }

    @Override
    public String toString() {
        return "QueryRunnerSettings[timeout=" + timeout + ", maxConcurrentQueries=" + maxConcurrentQueries
                + ", poolReserve=" + poolReserve + ", defaultMaxRows=" + defaultMaxRows + ", maxRowsCap="
                + maxRowsCap + ", maxQueryLength=" + maxQueryLength + ", maxResultChars=" + maxResultChars
                + ", maxCellChars=" + maxCellChars + ", maxSeriesRows=" + maxSeriesRows + ", allowedTables=" + allowedTables
                + ", redactedColumns=" + redactedColumns + "]";
    }

    /** Builds {@link QueryRunnerSettings}; every setting starts at its default. */
    public static final class Builder {
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxConcurrentQueries = DEFAULT_MAX_CONCURRENT_QUERIES;
        private int poolReserve = DEFAULT_POOL_RESERVE;
        private int defaultMaxRows = DEFAULT_MAX_ROWS;
        private int maxRowsCap = DEFAULT_MAX_ROWS_CAP;
        private int maxQueryLength = DEFAULT_MAX_QUERY_LENGTH;
        private int maxResultChars = DEFAULT_MAX_RESULT_CHARS;
        private int maxCellChars = DEFAULT_MAX_CELL_CHARS;
        private int maxSeriesRows = DEFAULT_MAX_SERIES_ROWS;
        private Set<String> allowedTables = Set.of();
        private List<String> redactedColumns = DEFAULT_REDACTED_COLUMNS;

        private Builder() {
        }

        /** How long a query may run (default 5 s); at least 1 ms. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "monitor.query.timeout");
            return this;
        }

        /** How many queries may run at once (default 2); 1 to 64. */
        public Builder maxConcurrentQueries(int maxConcurrentQueries) {
            this.maxConcurrentQueries = maxConcurrentQueries;
            return this;
        }

        /**
         * Connections of the application's own HikariCP pool a query must leave free (default 2);
         * 0 or more, 0 turns the check off.
         */
        public Builder poolReserve(int poolReserve) {
            this.poolReserve = poolReserve;
            return this;
        }

        /** Rows returned when a request does not say (default 100). */
        public Builder defaultMaxRows(int defaultMaxRows) {
            this.defaultMaxRows = defaultMaxRows;
            return this;
        }

        /** The most rows a request may ask for (default 1000). */
        public Builder maxRowsCap(int maxRowsCap) {
            this.maxRowsCap = maxRowsCap;
            return this;
        }

        /** Longer queries are rejected (default 16384 characters). */
        public Builder maxQueryLength(int maxQueryLength) {
            this.maxQueryLength = maxQueryLength;
            return this;
        }

        /** Characters of value text per result (default 1 MiB). */
        public Builder maxResultChars(int maxResultChars) {
            this.maxResultChars = maxResultChars;
            return this;
        }

        /** Characters kept of a single value (default 64 KiB). */
        public Builder maxCellChars(int maxCellChars) {
            this.maxCellChars = maxCellChars;
            return this;
        }

        /** The most rows the row generators of one query may make together (default 100,000). */
        public Builder maxSeriesRows(int maxSeriesRows) {
            this.maxSeriesRows = maxSeriesRows;
            return this;
        }

        /**
         * The only tables queries may refer to, {@code table} or {@code schema.table}, compared
         * ignoring case and quotes (default: none, every table the role can read).
         */
        public Builder allowedTables(Collection<String> allowedTables) {
            Objects.requireNonNull(allowedTables, "monitor.query.allowed-tables");
            Set<String> normalised = new LinkedHashSet<>();
            for (String table : allowedTables) {
                String name = Objects.requireNonNull(table, "monitor.query.allowed-tables").strip()
                        .replace("\"", "").toLowerCase(Locale.ROOT);
                if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.split("\\.", -1).length > 2) {
                    throw new IllegalArgumentException("monitor.query.allowed-tables: '" + table
                            + "' is not a table or schema.table name");
                }
                normalised.add(name);
            }
            this.allowedTables = normalised;
            return this;
        }

        /** Substrings of column labels whose values are replaced by {@code ***}, ignoring case; empty redacts nothing. */
        public Builder redactedColumns(Collection<String> redactedColumns) {
            Objects.requireNonNull(redactedColumns, "monitor.query.redacted-columns");
            List<String> normalised = new ArrayList<>();
            for (String pattern : redactedColumns) {
                String lower = Objects.requireNonNull(pattern, "monitor.query.redacted-columns").strip()
                        .toLowerCase(Locale.ROOT);
                if (lower.isEmpty()) {
                    throw new IllegalArgumentException("monitor.query.redacted-columns must not contain a blank pattern");
                }
                if (!normalised.contains(lower)) {
                    normalised.add(lower);
                }
            }
            this.redactedColumns = normalised;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the {@code monitor.query.*} setting that is invalid
         */
        public QueryRunnerSettings build() {
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("monitor.query.timeout must be at least 1 ms, was " + timeout);
            }
            if (maxConcurrentQueries < 1 || maxConcurrentQueries > MAX_CONCURRENT_QUERIES_LIMIT) {
                throw new IllegalArgumentException("monitor.query.max-concurrent must be between 1 and "
                        + MAX_CONCURRENT_QUERIES_LIMIT + ", was " + maxConcurrentQueries);
            }
            if (poolReserve < 0) {
                throw new IllegalArgumentException("monitor.query.pool-reserve must be at least 0, was " + poolReserve);
            }
            if (maxRowsCap < 1) {
                throw new IllegalArgumentException("monitor.query.max-rows-cap must be at least 1, was " + maxRowsCap);
            }
            if (defaultMaxRows < 1 || defaultMaxRows > maxRowsCap) {
                throw new IllegalArgumentException("monitor.query.max-rows must be between 1 and monitor.query.max-rows-cap ("
                        + maxRowsCap + "), was " + defaultMaxRows);
            }
            if (maxQueryLength < 1) {
                throw new IllegalArgumentException("monitor.query.max-query-length must be at least 1, was " + maxQueryLength);
            }
            if (maxCellChars < 16) {
                throw new IllegalArgumentException("monitor.query.max-cell-chars must be at least 16, was " + maxCellChars);
            }
            if (maxSeriesRows < 1) {
                throw new IllegalArgumentException("monitor.query.max-series-rows must be at least 1, was " + maxSeriesRows);
            }
            if (maxResultChars < maxCellChars) {
                throw new IllegalArgumentException("monitor.query.max-result-chars must be at least monitor.query.max-cell-chars ("
                        + maxCellChars + "), was " + maxResultChars);
            }
            return new QueryRunnerSettings(this);
        }
    }
}
