package dev.vigil.jdbc.query;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonAggregateFunction;
import net.sf.jsqlparser.expression.JsonFunction;
import net.sf.jsqlparser.expression.JsonTableFunction;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.MethodCallExpression;
import net.sf.jsqlparser.expression.MySQLGroupConcat;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.RawFunction;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TranscodingFunction;
import net.sf.jsqlparser.expression.VariableAssignment;
import net.sf.jsqlparser.expression.XMLSerializeExpr;
import net.sf.jsqlparser.expression.XmlTableFunction;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import org.jspecify.annotations.Nullable;

/**
 * Checks a parsed query everywhere in its tree, not only where a visitor happens to look: it walks
 * every field of every JSqlParser node (by reflection, iteratively, so depth cannot overflow the
 * stack) and rejects
 * <ul>
 *   <li>any statement inside that is not a query ({@code WITH d AS (DELETE ...)});</li>
 *   <li>a locking clause or {@code INTO} on any select, however deeply nested;</li>
 *   <li>a call of a function that is not on the dialect's {@link AllowedFunctions} list, wherever it
 *       is (select list, conditions, ordering, windows, {@code FROM f(...)}, {@code ROWS FROM}),
 *       qualified by any schema but the system one, or quoted in a case that names another function;
 *       {@code t.f} where {@code f} takes a whole row ({@code u.row_to_json}: PostgreSQL's attribute
 *       notation for {@code row_to_json(u)}); {@code NEXT VALUE FOR}, variable assignments, keyword
 *       arguments ({@code VARIADIC}) and call forms of other dialects;</li>
 *   <li>values whose size the query sets without a bound known before it runs (see below);</li>
 *   <li>tables outside the allow-list, with {@code WITH} names resolved by scope (a CTE hides a table
 *       of the same name only where PostgreSQL's scoping says so; JSqlParser's
 *       {@code TablesNamesFinder} drops CTE names query-wide, which would let
 *       {@code SELECT * FROM secrets, (WITH secrets AS (...) ...) x} through);</li>
 *   <li>any use of a redacted column but the one redaction can mask (see below).</li>
 * </ul>
 *
 * <h2>Value sizes</h2>
 * The {@link AllowedFunctions.Size} of each call decides, with {@link ValueBounds} doing the
 * arithmetic:
 * <ul>
 *   <li>{@code repeat}, {@code lpad}, {@code rpad}, H2's {@code SPACE} and casts to padded
 *       {@code CHAR(n)} / {@code BINARY(n)} need numeric literal sizes ({@code repeat} also a literal
 *       string), and the characters they can make, summed over the query and multiplied by the
 *       growing functions around them, stay within {@link QueryRunnerSettings#maxCellChars()};</li>
 *   <li>{@code generate_series} and H2's {@code SYSTEM_RANGE} need numeric literal bounds, and the
 *       product of their row counts stays within {@link QueryRunnerSettings#maxSeriesRows()}
 *       (timestamps: generate numbers and add {@code n * interval '1 hour'});</li>
 *   <li>functions that can make a value a multiple of their input (JSON builders, array and row
 *       constructors, whose text escapes every element, {@code replace} and {@code regexp_replace}
 *       with a literal replacement longer than what it replaces) may nest only while the product of
 *       their factors stays within {@link ValueBounds#MAX_GROWTH};</li>
 *   <li>a value may be built up ({@code ||}, {@code concat}, the growing functions, array and row
 *       constructors) in the select list of one level of the query only: where a subquery or
 *       {@code WITH} query builds a value, nothing else in the query may build one, or
 *       {@code WITH a AS (SELECT v || v AS v ...), b AS (SELECT v || v AS v FROM a) ...} doubles a
 *       value at every level with a few characters of text. Outermost selects (and the branches of
 *       an outermost {@code UNION}) build freely when nothing below them does;</li>
 *   <li>{@code WITH RECURSIVE} is refused on H2, which evaluates it in the application's heap; on
 *       PostgreSQL its items may not build values ({@code s || s} would double {@code s} at each
 *       iteration), and the statement timeout bounds how long it runs.</li>
 * </ul>
 *
 * <h2>Redacted columns</h2>
 * A column whose name contains a redaction pattern may appear only as a bare column item (as it is,
 * or under a name that is itself redacted) in the select list of the outermost select, when that is a
 * single select, not a {@code UNION} / {@code INTERSECT} / {@code EXCEPT}; there its value is shown
 * as {@code ***}. Everything else could compare it to a value of the query's choosing, and is
 * refused: conditions, expressions, functions, {@code GROUP BY}, windows, joins ({@code USING},
 * {@code NATURAL JOIN} over a table or {@code *}), subqueries, set operations (which line it up with
 * other branches and, without {@code ALL}, compare it to remove duplicates), {@code DISTINCT} and
 * {@code DISTINCT ON} over it or {@code *}, positions ({@code ORDER BY 3}, {@code GROUP BY 3}) in a
 * select list holding a redacted column or {@code *}, a column list naming a value with a redacted
 * name ({@code VALUES ('x') AS v(password_hash)}), a select item labelled with a redacted name below
 * the outermost select, {@code *} in a subquery used as a value ({@code (...) IN (SELECT * FROM users)}),
 * whole-row references ({@code SELECT u FROM users u}, {@code row_to_json(u)}, {@code u.*} outside a
 * select list, {@code u.row_to_json}) and renaming the columns of a table or of {@code *}.
 */
final class ParsedQueryCheck {

    /** A query whose tree has more nodes than this is refused (16 KB of SQL stays far below it). */
    private static final int MAX_NODES = 200_000;
    /**
     * A query whose tree is deeper than this is refused, before a database parser (H2's runs in the
     * application's JVM) recurses through it: {@code NOT NOT ... x} or {@code 1+1+...+1} nest without
     * parentheses. 100 nested parentheses, the lexer's limit, stay well below it.
     */
    static final int MAX_TREE_DEPTH = 1_000;
    /** Escaping an element of an array or a field of a row as text can make it this many times longer. */
    private static final int CONSTRUCTOR_GROWTH = 3;

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    Class<?> fieldType = field.getType();
                    if (Modifier.isStatic(field.getModifiers()) || fieldType.isPrimitive() || fieldType == String.class
                            || fieldType.isEnum()) {
                        continue;
                    }
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
            return List.copyOf(fields);
        }
    };

    private final QueryRunnerSettings settings;
    private final SqlDialect dialect;
    private final boolean redacting;
    private final Deque<Work> work = new ArrayDeque<>();
    private final Set<Object> visited = identitySet();
    private final Set<Object> selectItemExpressions = identitySet();
    private final Set<Object> labelledRedactedColumns = identitySet();
    private final Set<Object> outermostItems = identitySet();
    private final Set<Object> outermostSelects = identitySet();
    private final Set<Object> starAllowed = identitySet();
    private final Set<Object> notConstructors = identitySet();
    private final Set<Object> buildingSelects = identitySet();
    private final Set<String> relationNames = new HashSet<>();
    private final Set<String> namesWithColumnLists = new TreeSet<>();
    private final List<String> bareColumns = new ArrayList<>();
    private final Set<String> tables = new TreeSet<>();
    private final ValueBounds bounds;
    private int nodes;

    ParsedQueryCheck(QueryRunnerSettings settings, SqlDialect dialect) {
        this.settings = settings;
        this.dialect = dialect;
        this.redacting = !settings.redactedColumns().isEmpty();
        this.bounds = new ValueBounds(settings, dialect);
    }

    /** Walks {@code query}'s tree, or rejects it. */
    void check(Select query) {
        outermost(query);
        if (redacting && unwrap(query) instanceof PlainSelect plain && plain.getSelectItems() != null) {
            for (SelectItem<?> item : plain.getSelectItems()) {
                outermostItems.add(item);
                if (item.getExpression() instanceof Column column && isRedacted(column.getColumnName())
                        && (item.getAlias() == null || isRedacted(item.getAlias().getName()))) {
                    labelledRedactedColumns.add(column);
                }
            }
        }
        starAllowed.add(query);
        work.push(new Work(query, Context.TOP, 0));
        while (!work.isEmpty()) {
            visit(work.pop());
        }
        if (redacting) {
            for (String column : bareColumns) {
                if (relationNames.contains(column)) {
                    throw redaction(column + " names a table or alias of this query: a whole-row reference ("
                            + column + ", row_to_json(" + column + ")) would carry redacted columns; write "
                            + column + ".<column> if a column is meant");
                }
            }
        }
        if (buildingSelects.size() > 1 && !outermostSelects.containsAll(buildingSelects)) {
            throw amplifier("values are built up (||, concat, replace, JSON, array or row constructors) at more than"
                    + " one level of the query: a subquery or WITH query that builds a value feeds one that builds"
                    + " again, which can double a value at every level; build values in one select");
        }
        if (!settings.allowedTables().isEmpty()) {
            List<String> refused = new ArrayList<>();
            for (String table : tables) {
                int dot = table.lastIndexOf('.');
                if (!settings.allowedTables().contains(table)
                        && !(dot >= 0 && settings.allowedTables().contains(table.substring(dot + 1)))) {
                    refused.add(table);
                }
            }
            if (!refused.isEmpty()) {
                throw new QueryRejectedException(RejectionReason.TABLE_NOT_ALLOWED, (refused.size() == 1 ? "table " : "tables ")
                        + String.join(", ", refused) + (refused.size() == 1 ? " is" : " are")
                        + " not in the allow-list (monitor.query.allowed-tables)");
            }
        }
    }

    /**
     * Lower-case names the tree shows as relations with a column list ({@code WITH t(a, b) AS},
     * {@code FROM users u(a, b)}, {@code VALUES ... AS v(a, b)}): the lexer sees them before a
     * parenthesis, as it sees calls. Complete once {@link #check} returned.
     */
    Set<String> namesWithColumnLists() {
        return Collections.unmodifiableSet(namesWithColumnLists);
    }

    private void visit(Work w) {
        Object node = w.node();
        if (node instanceof Collection<?> collection) {
            Context context = w.context();
            if (node instanceof ParenthesedExpressionList<?> list && (list instanceof RowConstructor
                    || list.size() > 1 && context.inItem() && !notConstructors.contains(list))) {
                context = grow(context, CONSTRUCTOR_GROWTH, "a row constructor");
            }
            pushAll(new ArrayList<>(collection), context, w.depth());
            return;
        }
        if (node instanceof Map<?, ?> map) {
            List<Object> entries = new ArrayList<>();
            map.forEach((key, value) -> {
                entries.add(key);
                entries.add(value);
            });
            pushAll(entries, w.context(), w.depth());
            return;
        }
        if (node instanceof Optional<?> optional) {
            optional.ifPresent(value -> work.push(new Work(value, w.context(), w.depth() + 1)));
            return;
        }
        if (node.getClass().isArray()) {
            if (!node.getClass().getComponentType().isPrimitive()) {
                List<Object> elements = new ArrayList<>();
                for (int i = 0; i < Array.getLength(node); i++) {
                    elements.add(Array.get(node, i));
                }
                pushAll(elements, w.context(), w.depth());
            }
            return;
        }
        if (!isTreeNode(node.getClass()) || !visited.add(node)) {
            return;
        }
        if (++nodes > MAX_NODES) {
            throw new QueryRejectedException(RejectionReason.TOO_DEEPLY_NESTED, "the query has more than " + MAX_NODES
                    + " syntax nodes");
        }
        if (w.depth() > MAX_TREE_DEPTH) {
            throw new QueryRejectedException(RejectionReason.TOO_DEEPLY_NESTED, "the query's syntax tree is deeper than "
                    + MAX_TREE_DEPTH + " levels");
        }
        Context context = w.context();
        Set<String> skip = Set.of();
        if (node instanceof Statement statement && !(node instanceof Select)) {
            String kind = kind(statement);
            throw context.inWith()
                    ? new QueryRejectedException(RejectionReason.DATA_MODIFYING_CTE, "a WITH item may not be "
                            + article(kind) + " " + kind + "; only queries are allowed")
                    : new QueryRejectedException(RejectionReason.NOT_A_QUERY, kind + " is not a query");
        }
        if (node instanceof Select select) {
            checkSelect(select);
            context = context.in(select instanceof PlainSelect || select instanceof Values ? select : context.scope(),
                    select instanceof Values);
            List<WithItem<?>> with = select.getWithItemsList();
            if (with != null && !with.isEmpty()) {
                context = context.withCtes(withItems(with, context, w.depth()));
                skip = Set.of("withItemsList");
            }
        } else if (node instanceof WithItem<?> item) {
            checkWithItem(item);
            context = context.enteringWith();
            skip = Set.of("withItemList");
        } else if (node instanceof Table table) {
            checkTable(table, context.ctes());
            skip = Set.of("resolvedTable");
        } else if (node instanceof Column column) {
            checkColumn(column);
            skip = Set.of("table", "resolvedTable");
        } else if (node instanceof AllColumns star) {
            if (redacting && star.getClass() != AllColumns.class && !selectItemExpressions.contains(star)) {
                throw redaction(star + " outside the select list hands whole rows to an expression, out of reach of"
                        + " column redaction");
            }
            skip = Set.of("table");
        } else if (node instanceof SelectItem<?> item) {
            checkSelectItem(item);
            context = context.in(context.scope(), true);
        } else if (node instanceof Alias alias) {
            checkAlias(alias);
        } else if (node instanceof Join join) {
            checkJoin(join);
        } else if (node instanceof ExistsExpression exists && exists.getRightExpression() instanceof Select select) {
            starAllowed.add(select);
        } else if (node instanceof InExpression in) {
            notConstructors.add(in.getRightExpression());
        } else if (node instanceof Function function) {
            context = checkFunction(function, context);
        } else if (node instanceof AnalyticExpression analytic) {
            checkAggregate(analytic.getName());
        } else if (node instanceof JsonFunction json) {
            context = checkJsonFunction(json, context);
        } else if (node instanceof JsonAggregateFunction json) {
            String name = json.getType() == null ? "json_arrayagg" : "json_" + json.getType().name().toLowerCase(Locale.ROOT)
                    + "agg";
            throw AllowedFunctions.rejection(name, dialect);
        } else if (node instanceof MySQLGroupConcat) {
            throw AllowedFunctions.rejection("group_concat", dialect);
        } else if (node instanceof ArrayConstructor) {
            context = grow(context, CONSTRUCTOR_GROWTH, "an array constructor");
        } else if (node instanceof Concat) {
            built(context);
        } else if (node instanceof ColDataType type) {
            bounds.padding(type, context.growth());
        } else if (node instanceof RowGetExpression get) {
            checkAttribute(get.getColumnName(), get.toString());
            if (redacting && isRedacted(get.getColumnName())) {
                throw redaction("column " + unquote(get.getColumnName()) + " is redacted: it may only be selected as it"
                        + " is, not read out of a row value");
            }
        } else if (node instanceof NextValExpression) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION,
                    "NEXT VALUE FOR is not allowed: it advances a sequence");
        } else if (node instanceof VariableAssignment) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION,
                    "assigning a variable is not allowed: it changes session state");
        } else if (node instanceof XMLSerializeExpr || node instanceof XmlTableFunction || node instanceof JsonTableFunction
                || node instanceof TranscodingFunction || node instanceof MethodCallExpression
                || node instanceof LambdaExpression) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION, node + " is not on the list of functions"
                    + " run-query allows on " + dialect.productName());
        }
        pushChildren(node, context, w.depth() + 1, skip);
    }

    // ---- selects

    private void checkSelect(Select select) {
        if (select.getForMode() != null || select.getForUpdateTables() != null && !select.getForUpdateTables().isEmpty()
                || select.getWait() != null || select.isNoWait() || select.isSkipLocked()) {
            String mode = select.getForMode() == null ? "UPDATE" : select.getForMode().getValue();
            throw new QueryRejectedException(RejectionReason.LOCKING_CLAUSE, "SELECT ... FOR " + mode
                    + " locks rows; remove the locking clause");
        }
        if (select instanceof PlainSelect plain && (plain.getIntoTables() != null && !plain.getIntoTables().isEmpty()
                || plain.getMySqlSelectIntoClause() != null || plain.getIntoTempTable() != null)) {
            throw new QueryRejectedException(RejectionReason.SELECT_INTO,
                    "SELECT ... INTO creates a table (or writes a file); remove INTO");
        }
        boolean starHere = starAllowed.contains(select);
        if (select instanceof ParenthesedSelect parenthesed) {
            if (starHere) {
                starAllowed.add(parenthesed.getSelect());
            }
            Alias alias = parenthesed.getAlias();
            if (alias != null) {
                relationNames.add(unquote(alias.getName()));
                if (redacting && hasColumns(alias) && exposesStar(parenthesed.getSelect())) {
                    throw redaction("renaming the columns of a subquery with * (" + alias.getName().strip()
                            + "(...)) moves them out of reach of column redaction; name the columns");
                }
            }
        } else if (select instanceof SetOperationList operations && starHere) {
            starAllowed.addAll(operations.getSelects());
        } else if (select instanceof PlainSelect plain) {
            allowStar(plain.getFromItem());
            if (plain.getJoins() != null) {
                for (Join join : plain.getJoins()) {
                    allowStar(join.getFromItem());
                }
            }
        }
        if (!redacting) {
            return;
        }
        if (select instanceof SetOperationList operations) {
            for (Select branch : operations.getSelects()) {
                if (exposesRedacted(branch)) {
                    throw redaction("UNION / INTERSECT / EXCEPT lines up a redacted column (or the columns of *) with"
                            + " the values of other branches, and compares them to remove duplicates; select"
                            + " redacted columns in a single SELECT");
                }
            }
        }
        if (!(select instanceof ParenthesedSelect) && exposesStar(select) && !(select instanceof SetOperationList)
                && !starHere) {
            throw redaction("* in a subquery used as a value ((...) IN (SELECT * ...), a row comparison) compares whole"
                    + " rows, redacted columns included; name the columns");
        }
        if (exposesRedacted(select)) {
            checkPositions(select.getOrderByElements() == null ? List.of()
                    : select.getOrderByElements().stream().map(OrderByElement::getExpression).toList(), "ORDER BY");
        }
        if (select instanceof PlainSelect plain) {
            boolean exposed = exposesRedacted(plain);
            if (exposed && plain.getDistinct() != null) {
                throw redaction("SELECT DISTINCT compares the rows it returns, a redacted column (or the columns of *)"
                        + " included: an equality test on redacted values; remove DISTINCT or the redacted columns");
            }
            GroupByElement groupBy = plain.getGroupBy();
            if (exposed && groupBy != null) {
                if (groupBy.getGroupByExpressionList() != null) {
                    checkPositions(groupBy.getGroupByExpressionList(), "GROUP BY");
                }
                if (groupBy.getGroupingSets() != null) {
                    groupBy.getGroupingSets().forEach(set -> checkPositions(set, "GROUP BY GROUPING SETS"));
                }
            }
            checkNaturalJoins(plain);
        }
    }

    /** A position ({@code ORDER BY 3}) refers to a column that may be redacted: refused. */
    private static void checkPositions(List<?> expressions, String clause) {
        for (Object expression : expressions) {
            if (isPositional(expression)) {
                throw redaction(clause + " " + expression + " refers to a column by its position in a select list that"
                        + " holds a redacted column (or *): ordering or grouping by a redacted column reveals its"
                        + " value; name the column instead");
            }
        }
    }

    private void checkNaturalJoins(PlainSelect plain) {
        if (plain.getJoins() == null || plain.getJoins().stream().noneMatch(Join::isNatural)) {
            return;
        }
        List<FromItem> sides = new ArrayList<>();
        sides.add(plain.getFromItem());
        plain.getJoins().forEach(join -> sides.add(join.getFromItem()));
        for (FromItem side : sides) {
            boolean named = side instanceof TableFunction || side instanceof Values || side instanceof ParenthesedSelect
                    subquery && !exposesRedacted(subquery.getSelect()) || side instanceof ParenthesedFromItem parenthesed
                    && parenthesed.getFromItem() instanceof Values && parenthesed.getJoins() == null;
            if (!named) {
                throw redaction("NATURAL JOIN compares every column the two sides share, which can include redacted"
                        + " columns of a table or of *; join with ON");
            }
        }
    }

    private void checkJoin(Join join) {
        if (redacting && join.getUsingColumns() != null) {
            for (Column column : join.getUsingColumns()) {
                if (isRedacted(column.getColumnName())) {
                    throw redaction("JOIN ... USING (" + column.getColumnName() + ") compares a redacted column with"
                            + " the other side");
                }
            }
        }
    }

    private void allowStar(@Nullable FromItem item) {
        if (item instanceof Select select) {
            starAllowed.add(select);
        } else if (item instanceof ParenthesedFromItem parenthesed) {
            allowStar(parenthesed.getFromItem());
            if (parenthesed.getJoins() != null) {
                parenthesed.getJoins().forEach(join -> allowStar(join.getFromItem()));
            }
        }
    }

    private void outermost(Select select) {
        if (select instanceof ParenthesedSelect parenthesed) {
            outermost(parenthesed.getSelect());
        } else if (select instanceof SetOperationList operations) {
            operations.getSelects().forEach(this::outermost);
        } else {
            outermostSelects.add(select);
        }
    }

    /** The CTE names visible in the select's body; the items themselves are queued with their own scope. */
    private Set<String> withItems(List<WithItem<?>> items, Context context, int depth) {
        List<String> names = new ArrayList<>();
        boolean recursive = false;
        for (WithItem<?> item : items) {
            names.add(item.getAlias() == null ? "" : unquote(item.getAlias().getName()));
            recursive |= item.isRecursive();
        }
        if (recursive && dialect == SqlDialect.H2) {
            throw amplifier("WITH RECURSIVE is not allowed on H2: H2 runs inside the application's JVM, where a recursive"
                    + " query can grow values and rows without a bound the query timeout enforces");
        }
        Set<String> all = union(context.ctes(), names);
        for (int i = items.size() - 1; i >= 0; i--) {
            Context item = context.withCtes(recursive ? all : union(context.ctes(), names.subList(0, i)));
            work.push(new Work(items.get(i), recursive ? item.enteringRecursion() : item, depth + 1));
        }
        return all;
    }

    private void checkWithItem(WithItem<?> item) {
        if (item.getStatement() instanceof Select body) {
            starAllowed.add(body);
        }
        if (item.getAlias() != null) {
            relationNames.add(unquote(item.getAlias().getName()));
        }
        List<SelectItem<?>> columns = item.getWithItemList();
        if (columns == null || columns.isEmpty()) {
            return;
        }
        if (item.getAlias() != null) {
            namesWithColumnLists.add(unquote(item.getAlias().getName()));
        }
        if (!redacting) {
            return;
        }
        for (SelectItem<?> column : columns) {
            if (isRedacted(column.toString())) {
                throw redaction("naming a WITH query's column " + column.toString().strip() + " puts a value of the"
                        + " query's choosing under a redacted name, where it can be compared with the real column");
            }
        }
        if (item.getStatement() instanceof ParenthesedSelect body && exposesStar(body.getSelect())) {
            throw redaction("renaming the columns of a WITH query with * moves them out of reach of column"
                    + " redaction; name the columns");
        }
    }

    private void checkSelectItem(SelectItem<?> item) {
        selectItemExpressions.add(item.getExpression());
        if (redacting && item.getAlias() != null && isRedacted(item.getAlias().getName()) && !outermostItems.contains(item)) {
            throw redaction("a value may be labelled " + item.getAlias().getName().strip() + " (a redacted name) only in"
                    + " the select list of the outermost select, where it is masked; below it, it could be compared"
                    + " with the real column");
        }
    }

    private void checkAlias(Alias alias) {
        if (!hasColumns(alias)) {
            return;
        }
        namesWithColumnLists.add(unquote(alias.getName()));
        if (redacting) {
            for (Alias.AliasColumn column : alias.getAliasColumns()) {
                if (isRedacted(column.name)) {
                    throw redaction("the column list " + alias.getName().strip() + "(..., " + column.name + ", ...) puts"
                            + " a value of the query's choosing under a redacted name, where it can be compared with"
                            + " the real column");
                }
            }
        }
    }

    // ---- tables and columns

    private void checkTable(Table table, Set<String> ctes) {
        String name = unquote(table.getName());
        relationNames.add(name);
        Alias alias = table.getAlias();
        if (alias != null) {
            relationNames.add(unquote(alias.getName()));
            if (redacting && hasColumns(alias)) {
                throw redaction("renaming a table's columns (" + name + " " + alias.getName().strip()
                        + "(...)) moves them out of reach of column redaction");
            }
        }
        String schema = table.getSchemaName();
        if (schema == null && ctes.contains(name)) {
            return; // a WITH query in scope, not a table
        }
        tables.add(schema == null ? name : unquote(schema) + "." + name);
    }

    private void checkColumn(Column column) {
        String name = unquote(column.getColumnName());
        if (redacting && isRedacted(name) && !labelledRedactedColumns.contains(column)) {
            throw redaction("column " + name + " is redacted: it may only be selected as it is (SELECT " + name
                    + " or SELECT t." + name + ", in the select list of the outermost, single select, without"
                    + " renaming), not used in an expression, condition, ordering, grouping, join or subquery");
        }
        if ("variadic".equals(column.getColumnName().strip().toLowerCase(Locale.ROOT))) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION, "VARIADIC is not allowed: it spreads an"
                    + " array of any size over a function's arguments");
        }
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            bareColumns.add(name);
        } else {
            checkAttribute(column.getColumnName(), column.toString());
        }
    }

    /** {@code t.f} on PostgreSQL is {@code f(t)} when {@code t} has no column {@code f}: refused for the whole-row functions. */
    private void checkAttribute(String columnName, String written) {
        String name = AllowedFunctions.builtinName(columnName, dialect);
        if (name != null && AllowedFunctions.isWholeRowFunction(name)) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION, written + " is PostgreSQL's attribute"
                    + " notation for " + name + "(...) over a whole row, every column included; call functions on"
                    + " columns");
        }
    }

    // ---- functions

    /** Checks a call; the context its arguments are checked in (with their growth factor). */
    private Context checkFunction(Function function, Context context) {
        if (function instanceof TableFunction table) {
            if (table.getAlias() != null) {
                relationNames.add(unquote(table.getAlias().getName()));
            }
            if (table.getMultipartName() == null) {
                // The call is its function (or ROWS FROM functions), visited as a child. What its arguments
                // build comes out as rows of this select (unnest(ARRAY[v || v])): they are its values too.
                return context.in(context.scope(), true);
            }
        }
        if (function instanceof RawFunction) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION, function + " is a call whose arguments the"
                    + " parser does not read; it is not allowed");
        }
        List<String> parts = function.getMultipartName();
        if (parts == null || parts.isEmpty()) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION, function + " is a call without a name the"
                    + " checks can read; it is not allowed");
        }
        String last = parts.get(parts.size() - 1);
        if (redacting && isRedacted(last)) {
            throw redaction(unquote(last) + "(...) would read a redacted column through function-call notation");
        }
        String name = resolve(parts);
        if (AllowedFunctions.isSyntax(name)) {
            return "row".equals(name) ? grow(context, CONSTRUCTOR_GROWTH, "ROW(...)") : context;
        }
        AllowedFunctions.Allowed allowed = AllowedFunctions.find(dialect, name)
                .orElseThrow(() -> AllowedFunctions.rejection(written(parts), name, dialect, null));
        if (function.getKeywordArguments() != null && !function.getKeywordArguments().isEmpty()) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION, name + "() is called with keyword"
                    + " arguments (" + function.getKeywordArguments() + "); run-query allows plain arguments");
        }
        return switch (allowed.size()) {
            case FLAT -> context;
            case COMBINES -> {
                built(context);
                yield context;
            }
            case GROWS -> {
                long factor = allowed.factor() > 0 ? allowed.factor() : bounds.growthFactor(name, function);
                yield factor > 1 ? grow(context, factor, name + "()") : context;
            }
            case SIZED -> {
                bounds.sized(function, name, context.growth());
                yield context;
            }
            case SERIES -> {
                bounds.series(name, function);
                yield context;
            }
        };
    }

    /**
     * The lower-case name a (possibly qualified, possibly quoted) call resolves to among the dialect's
     * built-ins, or a rejection: another schema than the system one, or a quoted spelling in a case
     * the database does not fold to, can only name a user-defined function.
     */
    private String resolve(List<String> parts) {
        String name = AllowedFunctions.builtinName(parts.get(parts.size() - 1), dialect);
        String written = written(parts);
        if (name == null) {
            throw AllowedFunctions.rejection(written, unquote(parts.get(parts.size() - 1)), dialect, "quoted in that case,"
                    + " the name is not the built-in function's");
        }
        if (parts.size() > 1) {
            Optional<String> system = AllowedFunctions.systemSchema(dialect);
            String schema = AllowedFunctions.builtinName(parts.get(parts.size() - 2), dialect);
            if (parts.size() > 2 || system.isEmpty() || !system.get().equals(schema)) {
                throw AllowedFunctions.rejection(written, name, dialect, system.map(s -> "only " + s + " may qualify"
                        + " a function's name; another schema could hold a function of the same name")
                        .orElse("a built-in function is not qualified by a schema on " + dialect.productName()));
            }
        }
        return name;
    }

    /** An {@code ... OVER (...)}, {@code FILTER} or {@code WITHIN GROUP} call: an allowed aggregate or window function. */
    private void checkAggregate(@Nullable String written) {
        if (written == null) {
            return;
        }
        String name = AllowedFunctions.builtinName(written, dialect);
        if (name == null) {
            throw AllowedFunctions.rejection(written, unquote(written), dialect, "quoted in that case, the name is not"
                    + " the built-in function's");
        }
        Optional<AllowedFunctions.Allowed> allowed = AllowedFunctions.find(dialect, name);
        if (allowed.isEmpty() || allowed.get().group() != AllowedFunctions.Group.AGGREGATE
                && allowed.get().group() != AllowedFunctions.Group.WINDOW) {
            throw AllowedFunctions.rejection(name, name, dialect, allowed.isEmpty() ? null
                    : "it is not an aggregate or window function");
        }
    }

    private Context checkJsonFunction(JsonFunction json, Context context) {
        String name = switch (json.getType()) {
            case OBJECT, POSTGRES_OBJECT, MYSQL_OBJECT -> "json_object";
            case ARRAY -> "json_array";
            default -> "json_" + json.getType().name().toLowerCase(Locale.ROOT);
        };
        AllowedFunctions.Allowed allowed = AllowedFunctions.find(dialect, name)
                .orElseThrow(() -> AllowedFunctions.rejection(name, dialect));
        return allowed.size() == AllowedFunctions.Size.GROWS ? grow(context, allowed.factor(), name + "()") : context;
    }

    /** A function that can make a value {@code factor} times its input: counted, and capped with those around it. */
    private Context grow(Context context, long factor, String what) {
        built(context);
        return context.growing(ValueBounds.grow(context.growth(), factor, what));
    }

    /** Something that builds a value out of others, in a select list: remembered for the one-level rule. */
    private void built(Context context) {
        if (!context.inItem()) {
            return;
        }
        if (context.recursive()) {
            throw amplifier("a recursive WITH query may not build values (||, concat, replace, JSON, array or row"
                    + " constructors): each iteration could double them");
        }
        buildingSelects.add(context.scope() == null ? this : context.scope());
    }

    /** A literal in ORDER BY / GROUP BY, which PostgreSQL and H2 read as a column position (conservatively: any literal). */
    private static boolean isPositional(Object expression) {
        if (expression instanceof SignedExpression signed) {
            return isPositional(signed.getExpression());
        }
        if (expression instanceof Parenthesis parenthesis) {
            return isPositional(parenthesis.getExpression());
        }
        if (expression instanceof ParenthesedExpressionList<?> list) {
            return list.stream().anyMatch(ParsedQueryCheck::isPositional);
        }
        return expression instanceof LongValue || expression instanceof DoubleValue || expression instanceof StringValue
                || expression instanceof HexValue || expression instanceof JdbcParameter
                || expression instanceof JdbcNamedParameter;
    }

    // ---- traversal

    private void pushChildren(Object node, Context context, int depth, Set<String> skip) {
        List<Field> fields = FIELDS.get(node.getClass());
        for (int i = fields.size() - 1; i >= 0; i--) {
            Field field = fields.get(i);
            if (skip.contains(field.getName())) {
                continue;
            }
            Object value;
            try {
                value = field.get(node);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + field, e);
            }
            if (value != null) {
                if (node instanceof Values && value instanceof ExpressionList<?> rows) {
                    notConstructors.add(rows); // the rows of VALUES, not row values
                    notConstructors.addAll(rows);
                }
                work.push(new Work(value, context, depth));
            }
        }
    }

    private void pushAll(List<?> children, Context context, int parentDepth) {
        for (int i = children.size() - 1; i >= 0; i--) {
            Object child = children.get(i);
            if (child != null) {
                work.push(new Work(child, context, parentDepth + 1));
            }
        }
    }

    private static boolean isTreeNode(Class<?> type) {
        String name = type.getName();
        return name.startsWith("net.sf.jsqlparser.") && !name.startsWith("net.sf.jsqlparser.parser.") && !type.isEnum();
    }

    // ---- redaction helpers

    /** Whether the select's columns may come from a {@code *} (and so carry names no label check sees). */
    private static boolean exposesStar(@Nullable Select select) {
        if (select instanceof PlainSelect plain) {
            return plain.getSelectItems() != null
                    && plain.getSelectItems().stream().anyMatch(item -> item.getExpression() instanceof AllColumns);
        }
        if (select instanceof ParenthesedSelect parenthesed) {
            return exposesStar(parenthesed.getSelect());
        }
        if (select instanceof SetOperationList operations) {
            return operations.getSelects().stream().anyMatch(ParsedQueryCheck::exposesStar);
        }
        return !(select instanceof Values);
    }

    /** Whether a column of the select's result may hold a redacted column's values: a redacted name, or {@code *}. */
    private boolean exposesRedacted(@Nullable Select select) {
        if (select instanceof PlainSelect plain) {
            return plain.getSelectItems() != null && plain.getSelectItems().stream().anyMatch(item ->
                    item.getExpression() instanceof AllColumns
                            || item.getExpression() instanceof Column column && isRedacted(column.getColumnName())
                            || item.getAlias() != null && isRedacted(item.getAlias().getName()));
        }
        if (select instanceof ParenthesedSelect parenthesed) {
            return exposesRedacted(parenthesed.getSelect());
        }
        if (select instanceof SetOperationList operations) {
            return operations.getSelects().stream().anyMatch(this::exposesRedacted);
        }
        return !(select instanceof Values);
    }

    private boolean isRedacted(@Nullable String name) {
        if (name == null) {
            return false;
        }
        String lower = unquote(name);
        for (String pattern : settings.redactedColumns()) {
            if (lower.contains(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasColumns(Alias alias) {
        return alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty();
    }

    private static QueryRejectedException redaction(String message) {
        return new QueryRejectedException(RejectionReason.REDACTED_COLUMN_USE, message);
    }

    private static QueryRejectedException amplifier(String message) {
        return ValueBounds.amplifier(message);
    }

    // ---- names

    /** Lower case, without the quotes of {@code "x"}, {@code `x`} or {@code [x]}. */
    static String unquote(String name) {
        String s = name.strip();
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if (first == '"' && last == '"') {
                s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
            } else if (first == '`' && last == '`' || first == '[' && last == ']') {
                s = s.substring(1, s.length() - 1);
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static String written(List<String> parts) {
        return String.join(".", parts.stream().map(String::strip).toList());
    }

    private static Select unwrap(Select select) {
        return select instanceof ParenthesedSelect parenthesed ? unwrap(parenthesed.getSelect()) : select;
    }

    private static Set<String> union(Set<String> outer, List<String> names) {
        if (names.isEmpty()) {
            return outer;
        }
        Set<String> all = new HashSet<>(outer);
        all.addAll(names);
        return Set.copyOf(all);
    }

    private static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static String kind(Statement statement) {
        String simple = statement.getClass().getSimpleName();
        if (simple.startsWith("Parenthesed")) {
            simple = simple.substring("Parenthesed".length());
        }
        return simple.toUpperCase(Locale.ROOT);
    }

    private static String article(String kind) {
        return "AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
    }

    /**
     * Where a node sits.
     *
     * @param ctes      the {@code WITH} names in scope
     * @param inWith    inside a {@code WITH} item
     * @param recursive inside an item of a {@code WITH RECURSIVE}
     * @param scope     the innermost select (or {@code VALUES}) whose values the node computes
     * @param inItem    in that select's list of values (a select item, a row of {@code VALUES})
     * @param growth    how many times over the growing functions around the node can make its value
     */
    private record Context(Set<String> ctes, boolean inWith, boolean recursive, @Nullable Object scope, boolean inItem,
            long growth) {

        static final Context TOP = new Context(Set.of(), false, false, null, false, 1);

        Context withCtes(Set<String> names) {
            return new Context(names, inWith, recursive, scope, inItem, growth);
        }

        Context enteringWith() {
            return new Context(ctes, true, recursive, scope, inItem, growth);
        }

        Context enteringRecursion() {
            return new Context(ctes, inWith, true, scope, inItem, growth);
        }

        Context in(@Nullable Object select, boolean values) {
            return new Context(ctes, inWith, recursive, select, values, growth);
        }

        Context growing(long factor) {
            return new Context(ctes, inWith, recursive, scope, inItem, factor);
        }
    }

    private record Work(Object node, Context context, int depth) {
    }
}
