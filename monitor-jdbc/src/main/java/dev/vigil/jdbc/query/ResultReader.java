package dev.vigil.jdbc.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads a result set into JSON-friendly values within the row, cell and size caps, replacing the
 * values of redacted columns with {@code ***}.
 */
final class ResultReader {

    static final String REDACTED = "***";

    /** Integers beyond what a JSON number holds exactly in JavaScript become strings. */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private final int maxRows;
    private final int maxCellChars;
    private final long maxResultChars;
    private final List<String> redactedColumns;

    ResultReader(int maxRows, QueryRunnerSettings settings) {
        this.maxRows = maxRows;
        this.maxCellChars = settings.maxCellChars();
        this.maxResultChars = settings.maxResultChars();
        this.redactedColumns = settings.redactedColumns();
    }

    /** The columns and rows of {@code rows}; {@code truncated} when rows were left out. */
    record Read(List<String> columns, List<List<@Nullable Object>> rows, boolean truncated) {
    }

    Read read(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int count = meta.getColumnCount();
        List<String> columns = new ArrayList<>(count);
        boolean[] redacted = new boolean[count];
        int[] types = new int[count];
        String[] typeNames = new String[count];
        for (int i = 0; i < count; i++) {
            String label = meta.getColumnLabel(i + 1);
            columns.add(label == null ? "" : label);
            redacted[i] = isRedacted(columns.get(i));
            types[i] = meta.getColumnType(i + 1);
            String typeName = meta.getColumnTypeName(i + 1);
            typeNames[i] = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        }
        List<List<@Nullable Object>> result = new ArrayList<>();
        long size = 0;
        boolean truncated = false;
        while (rows.next()) {
            if (result.size() == maxRows) {
                truncated = true;
                break;
            }
            List<@Nullable Object> row = new ArrayList<>(count);
            long rowSize = 0;
            for (int i = 0; i < count; i++) {
                Object value = redacted[i] ? REDACTED : value(rows, i + 1, types[i], typeNames[i]);
                row.add(value);
                rowSize += size(value);
            }
            if (size + rowSize > maxResultChars) {
                truncated = true;
                break;
            }
            size += rowSize;
            result.add(row);
        }
        return new Read(columns, result, truncated);
    }

    private boolean isRedacted(String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        return redactedColumns.stream().anyMatch(lower::contains);
    }

    private @Nullable Object value(ResultSet rows, int column, int type, String typeName) throws SQLException {
        switch (type) {
            case Types.NULL:
                return null;
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER: {
                int value = rows.getInt(column);
                return rows.wasNull() ? null : value;
            }
            case Types.BIGINT: {
                long value = rows.getLong(column);
                return rows.wasNull() ? null : integer(value);
            }
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE: {
                double value = rows.getDouble(column);
                return rows.wasNull() ? null : Double.isFinite(value) ? (Object) value : String.valueOf(value);
            }
            case Types.NUMERIC:
            case Types.DECIMAL:
                return decimal(rows, column);
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
                return text(rows.getString(column));
            case Types.CLOB:
            case Types.NCLOB:
                return clob(rows.getClob(column));
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY: {
                Object value = rows.getObject(column);
                return value instanceof byte[] bytes ? bytes(bytes, bytes.length) : convert(value);
            }
            case Types.BLOB:
                return blob(rows.getBlob(column));
            case Types.DATE:
                return temporal(rows, column, LocalDate.class, DateTimeFormatter.ISO_LOCAL_DATE);
            case Types.TIME:
                return typeName.contains("tz") || typeName.contains("time zone")
                        ? temporal(rows, column, OffsetTime.class, DateTimeFormatter.ISO_OFFSET_TIME)
                        : temporal(rows, column, LocalTime.class, DateTimeFormatter.ISO_LOCAL_TIME);
            case Types.TIME_WITH_TIMEZONE:
                return temporal(rows, column, OffsetTime.class, DateTimeFormatter.ISO_OFFSET_TIME);
            case Types.TIMESTAMP:
                return typeName.contains("tz") || typeName.contains("time zone")
                        ? temporal(rows, column, OffsetDateTime.class, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        : temporal(rows, column, LocalDateTime.class, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return temporal(rows, column, OffsetDateTime.class, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case Types.ARRAY:
                return array(rows.getArray(column));
            case Types.SQLXML: {
                SQLXML xml = rows.getSQLXML(column);
                if (xml == null) {
                    return null;
                }
                try {
                    return text(xml.getString());
                } finally {
                    xml.free();
                }
            }
            default: {
                if (typeName.contains("json")) {
                    return text(rows.getString(column));
                }
                Object value = rows.getObject(column);
                if (value == null || value instanceof Boolean || value instanceof Number || value instanceof byte[]
                        || value instanceof Object[] || value instanceof Array || value instanceof Clob
                        || value instanceof Blob || value instanceof java.util.Date) {
                    return convert(value);
                }
                return text(rows.getString(column)); // json, interval, inet, uuid...: the database's own text
            }
        }
    }

    private @Nullable Object decimal(ResultSet rows, int column) throws SQLException {
        try {
            BigDecimal value = rows.getBigDecimal(column);
            return value == null ? null : value.scale() <= 0 && value.abs().compareTo(BigDecimal.valueOf(MAX_SAFE_INTEGER)) > 0
                    ? value.toPlainString() : value;
        } catch (SQLException e) {
            return text(rows.getString(column)); // NaN, Infinity
        }
    }

    private <T extends TemporalAccessor> @Nullable Object temporal(ResultSet rows, int column, Class<T> type,
            DateTimeFormatter format) throws SQLException {
        T value;
        try {
            value = rows.getObject(column, type);
        } catch (SQLException | RuntimeException e) {
            return text(rows.getString(column)); // a driver without java.time support, or infinity
        }
        return value == null ? null : format.format(value);
    }

    private @Nullable Object clob(@Nullable Clob clob) throws SQLException {
        if (clob == null) {
            return null;
        }
        try {
            long length = clob.length();
            String head = clob.getSubString(1, (int) Math.min(length, maxCellChars));
            return cut(head, length);
        } finally {
            clob.free();
        }
    }

    private @Nullable Object blob(@Nullable Blob blob) throws SQLException {
        if (blob == null) {
            return null;
        }
        try {
            long length = blob.length();
            int keep = (int) Math.min(length, base64Limit());
            return length <= base64Limit() ? bytes(blob.getBytes(1, keep), length) : bytes(new byte[0], length);
        } finally {
            blob.free();
        }
    }

    private @Nullable Object array(@Nullable Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        try {
            return convert(array.getArray());
        } finally {
            try {
                array.free();
            } catch (SQLException | UnsupportedOperationException e) {
                // some drivers cannot free arrays; nothing is held
            }
        }
    }

    /** Any value the driver handed out, as a JSON-friendly value. */
    private @Nullable Object convert(@Nullable Object value) throws SQLException {
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return value;
        }
        if (value instanceof Long l) {
            return integer(l);
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 54 ? big : big.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? value : value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof byte[] bytes) {
            return bytes(bytes, bytes.length);
        }
        if (value instanceof Object[] elements) {
            List<@Nullable Object> list = new ArrayList<>();
            long size = 2;
            for (Object element : elements) {
                Object converted = convert(element);
                size += size(converted) + 1;
                if (size > maxCellChars) {
                    list.add("… (" + elements.length + " elements)");
                    break;
                }
                list.add(converted);
            }
            return list;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp.toLocalDateTime());
        }
        if (value instanceof java.sql.Date date) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(date.toLocalDate());
        }
        if (value instanceof java.sql.Time time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time.toLocalTime());
        }
        if (value instanceof Clob clob) {
            return clob(clob);
        }
        if (value instanceof Blob blob) {
            return blob(blob);
        }
        if (value instanceof Array array) {
            return array(array);
        }
        return text(value.toString());
    }

    private static Object integer(long value) {
        return Math.abs(value) <= MAX_SAFE_INTEGER ? (Object) value : Long.toString(value);
    }

    private @Nullable Object text(@Nullable String text) {
        return text == null ? null : cut(text, text.length());
    }

    private String cut(String text, long length) {
        if (length <= maxCellChars) {
            return text;
        }
        int end = maxCellChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "… (" + length + " characters)";
    }

    private String bytes(byte[] bytes, long length) {
        return length <= base64Limit() && bytes.length == length ? Base64.getEncoder().encodeToString(bytes)
                : "<" + length + " bytes>";
    }

    /** Binary values whose base64 fits in a cell are shown; longer ones are summarised. */
    private long base64Limit() {
        return maxCellChars / 4L * 3;
    }

    private static long size(@Nullable Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof String s) {
            return s.length() + 2L;
        }
        if (value instanceof List<?> list) {
            long size = 2;
            for (Object element : list) {
                size += size(element) + 1;
            }
            return size;
        }
        return value.toString().length();
    }
}
