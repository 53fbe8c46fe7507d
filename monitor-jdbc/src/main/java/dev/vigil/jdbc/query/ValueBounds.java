package dev.vigil.jdbc.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import org.jspecify.annotations.Nullable;

/**
 * The sizes one query's values and row generators can reach, worked out from literal arguments
 * before it runs, for {@link ParsedQueryCheck}; a new instance per query, whose budgets the query's
 * calls share.
 * <ul>
 *   <li>Padding and repeating ({@code repeat}, {@code lpad}, {@code rpad}, {@code space}, casts to
 *       {@code CHAR(n)} / {@code BINARY(n)}): the length must be a numeric literal and
 *       {@code repeat}'s string a literal; the lengths, each multiplied by the growth of the functions
 *       around it, add up to at most {@link QueryRunnerSettings#maxCellChars()} for the query.</li>
 *   <li>Row generators ({@code generate_series}, H2's {@code SYSTEM_RANGE}): start, stop and step
 *       must be numeric literals; the product of their row counts is at most
 *       {@link QueryRunnerSettings#maxSeriesRows()} (a product, since joined series multiply).</li>
 *   <li>Growing functions: {@code replace}, {@code regexp_replace} and {@code array_to_string} grow a
 *       value by at most a factor their literal replacement or separator sets
 *       ({@code replace(s, 'a', 'aa')} doubles, {@code replace(s, 'ab', 'b')} does not grow; a
 *       replacement that is not a literal is refused); nested in each other, or in JSON builders and
 *       constructors, the factors multiply, and the product is capped at {@link #MAX_GROWTH}.</li>
 * </ul>
 */
final class ValueBounds {

    /**
     * How many times over growing functions nested in each other may make a value: three JSON builders
     * deep (6 x 6 x 6), or eight {@code replace}s that each double.
     */
    static final long MAX_GROWTH = 256;

    /** Types whose values are padded to their declared length. */
    private static final Set<String> PADDED_TYPES = Set.of("char", "character", "nchar", "bpchar", "national char",
            "national character", "binary");

    private final QueryRunnerSettings settings;
    private final SqlDialect dialect;
    private final Set<Object> countedInAnotherCall = Collections.newSetFromMap(new IdentityHashMap<>());
    private long amplified;
    private long seriesRows = 1;

    ValueBounds(QueryRunnerSettings settings, SqlDialect dialect) {
        this.settings = settings;
        this.dialect = dialect;
    }

    /**
     * The growth around a function that can make a value {@code factor} times its input, inside
     * functions that already grow it {@code growth}-fold; refused beyond {@link #MAX_GROWTH}.
     */
    static long grow(long growth, long factor, String what) {
        long total = saturatedMultiply(growth, factor);
        if (total > MAX_GROWTH) {
            throw amplifier(what + " can make a value " + factor + " times as long as its input"
                    + (growth > 1 ? ", inside functions that already grow it " + growth + "-fold" : "")
                    + "; run-query allows nested growth up to " + MAX_GROWTH + "-fold");
        }
        return total;
    }

    /** A call of {@code repeat}, {@code lpad}, {@code rpad} or {@code space}, {@code growth}-fold inside growing functions. */
    void sized(Function call, String name, long growth) {
        long length = sizedLength(name, arguments(call, name));
        if (!countedInAnotherCall.contains(call)) {
            amplify(length, growth, name + "()");
        }
    }

    private void amplify(long length, long growth, String what) {
        long total = saturatedMultiply(length, growth);
        amplified = total > Long.MAX_VALUE - amplified ? Long.MAX_VALUE : amplified + total;
        if (amplified > settings.maxCellChars()) {
            throw amplifier(what + " would build a value of " + length + " characters"
                    + (growth > 1 ? " (" + total + " with the functions around it)" : "")
                    + (amplified > total ? " (" + amplified + " with the other padding and repeating of the query)" : "")
                    + "; run-query allows at most " + settings.maxCellChars() + " (monitor.query.max-cell-chars)"
                    + " across the query");
        }
    }

    /** A cast to a type padded to its length ({@code CHAR(n)}, H2's {@code BINARY(n)}): {@code n} characters counted. */
    void padding(ColDataType type, long growth) {
        String written = type.getDataType() == null ? "" : type.getDataType();
        int parenthesis = written.indexOf('(');
        String name = (parenthesis < 0 ? written : written.substring(0, parenthesis)).strip().toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ");
        if (!PADDED_TYPES.contains(name)) {
            return;
        }
        List<String> arguments = type.getArgumentsStringList();
        long length = 1;
        if (type.getPrecision() != null) {
            length = type.getPrecision();
        } else if (arguments != null && !arguments.isEmpty()) {
            BigDecimal value = parseNumber(arguments.get(0));
            if (value == null) {
                throw amplifier(name.toUpperCase(Locale.ROOT) + "(" + arguments.get(0) + ") pads values to a length"
                        + " that is not a number");
            }
            length = toLong(value);
        } else if (parenthesis >= 0) {
            throw amplifier(written + " pads values to a length the checks cannot read");
        }
        amplify(length, growth, name.toUpperCase(Locale.ROOT) + "(" + length + "), padded to its length,");
    }

    private static List<Expression> arguments(Function function, String name) {
        ExpressionList<?> parameters = function.getParameters();
        if (parameters == null || function.getNamedParameters() != null) {
            throw amplifier(name + "() is checked for the size of its result before it runs, and so takes plain"
                    + " arguments here");
        }
        return new ArrayList<>(parameters);
    }

    /** The length {@code repeat}, {@code lpad}, {@code rpad} or {@code space} makes, from literal arguments. */
    private long sizedLength(String name, List<Expression> arguments) {
        int sizeArgument = "space".equals(name) ? 0 : 1;
        if (arguments.size() <= sizeArgument) {
            throw amplifier(name + "() needs its length argument");
        }
        BigDecimal size = numericLiteral(arguments.get(sizeArgument));
        if (size == null) {
            throw amplifier(name + "()'s length must be a numeric literal (at most " + settings.maxCellChars()
                    + ", monitor.query.max-cell-chars), so that the size of its result is known before it runs");
        }
        long count = Math.max(0, toLong(size));
        if (!"repeat".equals(name)) {
            return count;
        }
        long length = literalLength(arguments.get(0));
        if (length < 0) {
            throw amplifier("repeat() may only repeat a string literal here, so that the size of its result is known"
                    + " before it runs");
        }
        return saturatedMultiply(length, count);
    }

    /** How many times its input {@code replace}, {@code regexp_replace} or {@code array_to_string} can make its result. */
    long growthFactor(String name, Function function) {
        List<Expression> arguments = arguments(function, name);
        switch (name) {
            case "replace" -> {
                if (arguments.size() < 3) {
                    return 1; // H2's REPLACE(s, search) removes
                }
                long from = literalLength(arguments.get(1));
                long to = literalLength(arguments.get(2));
                if (!isStringLiteral(arguments.get(1)) || !isStringLiteral(arguments.get(2))) {
                    throw amplifier("replace()'s search and replacement must be string literals, so that how much it"
                            + " can grow a value is known before it runs");
                }
                return from == 0 || to <= from ? 1 : (to + from - 1) / from;
            }
            case "regexp_replace" -> {
                if (arguments.size() < 3 || !isStringLiteral(arguments.get(2))) {
                    throw amplifier("regexp_replace()'s replacement must be a string literal, so that how much it can"
                            + " grow a value is known before it runs");
                }
                long replacement = literalLength(arguments.get(2));
                return replacement == 0 ? 1 : 2 * replacement + 1;
            }
            case "array_to_string" -> {
                long factor = 1;
                for (int i = 1; i < arguments.size(); i++) {
                    if (!isStringLiteral(arguments.get(i))) {
                        throw amplifier("array_to_string()'s separator and null string must be string literals, so"
                                + " that how much it can grow a value is known before it runs");
                    }
                    factor += literalLength(arguments.get(i));
                }
                return factor;
            }
            default -> throw new IllegalStateException("no growth rule for " + name);
        }
    }

    /** Counts the rows of {@code generate_series} / {@code SYSTEM_RANGE} from literal bounds. */
    void series(String name, Function function) {
        List<Expression> arguments = arguments(function, name);
        String bound = "at most " + settings.maxSeriesRows() + " rows across the query (monitor.query.max-series-rows)";
        if (arguments.size() < 2 || arguments.size() > 3) {
            throw amplifier(name + "() takes a start, a stop and an optional step here; " + bound);
        }
        BigDecimal start = numericLiteral(arguments.get(0));
        BigDecimal stop = numericLiteral(arguments.get(1));
        BigDecimal step = arguments.size() == 3 ? numericLiteral(arguments.get(2)) : BigDecimal.ONE;
        if (start == null || stop == null || step == null) {
            throw amplifier(name + "()'s start, stop and step must be numeric literals, so that the number of rows is"
                    + " known before it runs (" + bound + "; for timestamps, add n * interval '1 hour' to a start)");
        }
        if (step.signum() == 0) {
            throw amplifier(name + "() with a step of 0 never ends");
        }
        BigDecimal span = stop.subtract(start);
        long rows = span.signum() != 0 && span.signum() != step.signum() ? 0
                : toLong(span.divide(step, 0, RoundingMode.FLOOR).add(BigDecimal.ONE));
        seriesRows = saturatedMultiply(seriesRows, rows);
        if (seriesRows > settings.maxSeriesRows()) {
            throw amplifier(name + "(" + start.toPlainString() + ", " + stop.toPlainString()
                    + (arguments.size() == 3 ? ", " + step.toPlainString() : "") + ") makes " + rows + " rows"
                    + (seriesRows > rows ? " (" + seriesRows + " with the other series it is joined with)" : "")
                    + "; run-query allows " + bound);
        }
    }

    // ---- literals

    /** The value of a numeric literal ({@code 5}, {@code -5}, {@code 1e3}, {@code (5)}), or null. */
    private static @Nullable BigDecimal numericLiteral(@Nullable Expression expression) {
        if (expression instanceof LongValue value) {
            return parseNumber(value.getStringValue());
        }
        if (expression instanceof DoubleValue value) {
            return parseNumber(value.toString());
        }
        if (expression instanceof HexValue value) {
            try {
                return new BigDecimal(value.getLong());
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (expression instanceof SignedExpression signed) {
            BigDecimal value = numericLiteral(signed.getExpression());
            return value == null ? null : signed.getSign() == '-' ? value.negate() : value;
        }
        if (expression instanceof Parenthesis parenthesis) {
            return numericLiteral(parenthesis.getExpression());
        }
        if (expression instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return numericLiteral(list.get(0));
        }
        return null;
    }

    private static @Nullable BigDecimal parseNumber(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isStringLiteral(Expression expression) {
        return expression instanceof StringValue || expression instanceof NullValue;
    }

    /** An upper bound on the length of a literal expression's text, or -1 if it is not known before the query runs. */
    private long literalLength(@Nullable Expression expression) {
        if (expression instanceof StringValue value) {
            String text = value.getValue().replace("''", "'");
            return text.codePointCount(0, text.length());
        }
        if (expression instanceof NullValue) {
            return 0;
        }
        BigDecimal number = numericLiteral(expression);
        if (number != null) {
            return number.toPlainString().length();
        }
        if (expression instanceof Concat concat) {
            long left = literalLength(concat.getLeftExpression());
            long right = literalLength(concat.getRightExpression());
            return left < 0 || right < 0 ? -1 : left + right;
        }
        if (expression instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return literalLength(list.get(0));
        }
        if (expression instanceof Function function && function.getMultipartName() != null
                && function.getMultipartName().size() == 1) {
            String name = AllowedFunctions.builtinName(function.getMultipartName().get(0), dialect);
            Optional<AllowedFunctions.Allowed> allowed = name == null ? Optional.empty() : AllowedFunctions.find(dialect, name);
            if (allowed.isPresent() && allowed.get().size() == AllowedFunctions.Size.SIZED) {
                countedInAnotherCall.add(function); // its length is part of the enclosing repeat's
                return sizedLength(name, arguments(function, name));
            }
        }
        return -1;
    }

    private static long toLong(BigDecimal value) {
        BigDecimal rounded = value.setScale(0, RoundingMode.CEILING);
        if (rounded.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        return rounded.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? Long.MIN_VALUE : rounded.longValueExact();
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 || high == -1 && low < 0 ? low : Long.MAX_VALUE;
    }

    static QueryRejectedException amplifier(String message) {
        return new QueryRejectedException(RejectionReason.VALUE_AMPLIFIER, message);
    }
}
