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
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.VariableAssignment;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
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
 *   <li>a call of a denied function (also as a table name or a column name, the forms
 *       {@code FROM f(...)} and attribute notation can take);</li>
 *   <li>{@code NEXT VALUE FOR} and variable assignments;</li>
 *   <li>tables outside the allow-list, with {@code WITH} names resolved by scope (a CTE hides a table
 *       of the same name only where PostgreSQL's scoping says so; JSqlParser's
 *       {@code TablesNamesFinder} drops CTE names query-wide, which would let
 *       {@code SELECT * FROM secrets, (WITH secrets AS (...) ...) x} through);</li>
 *   <li>uses of redacted columns that label-based redaction cannot catch.</li>
 * </ul>
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
    private final boolean redacting;
    private final Deque<Work> work = new ArrayDeque<>();
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Object> selectItemExpressions = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Object> labelledRedactedColumns = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> relationNames = new HashSet<>();
    private final List<String> bareColumns = new ArrayList<>();
    private final Set<String> tables = new TreeSet<>();
    private int nodes;

    ParsedQueryCheck(QueryRunnerSettings settings) {
        this.settings = settings;
        this.redacting = !settings.redactedColumns().isEmpty();
    }

    /** Walks {@code query}'s tree, or rejects it. */
    void check(Select query) {
        if (redacting) {
            for (SelectItem<?> item : labelledItems(query)) {
                if (item.getExpression() instanceof Column column && isRedacted(column.getColumnName())
                        && (item.getAlias() == null || isRedacted(item.getAlias().getName()))) {
                    labelledRedactedColumns.add(column);
                }
            }
        }
        work.push(new Work(query, Set.of(), false, 0));
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

    private void visit(Work w) {
        Object node = w.node();
        if (node instanceof Collection<?> collection) {
            pushAll(new ArrayList<>(collection), w);
            return;
        }
        if (node instanceof Map<?, ?> map) {
            List<Object> entries = new ArrayList<>();
            map.forEach((key, value) -> {
                entries.add(key);
                entries.add(value);
            });
            pushAll(entries, w);
            return;
        }
        if (node instanceof Optional<?> optional) {
            optional.ifPresent(value -> work.push(new Work(value, w.ctes(), w.inWith(), w.depth() + 1)));
            return;
        }
        if (node.getClass().isArray()) {
            if (!node.getClass().getComponentType().isPrimitive()) {
                List<Object> elements = new ArrayList<>();
                for (int i = 0; i < Array.getLength(node); i++) {
                    elements.add(Array.get(node, i));
                }
                pushAll(elements, w);
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
        Set<String> ctes = w.ctes();
        Set<String> skip = Set.of();
        if (node instanceof Statement statement && !(node instanceof Select)) {
            String kind = kind(statement);
            throw w.inWith()
                    ? new QueryRejectedException(RejectionReason.DATA_MODIFYING_CTE, "a WITH item may not be "
                            + article(kind) + " " + kind + "; only queries are allowed")
                    : new QueryRejectedException(RejectionReason.NOT_A_QUERY, kind + " is not a query");
        }
        if (node instanceof Select select) {
            checkSelect(select);
            List<WithItem<?>> with = select.getWithItemsList();
            if (with != null && !with.isEmpty()) {
                ctes = withItems(with, w.ctes(), w.depth());
                skip = Set.of("withItemsList");
            }
        } else if (node instanceof WithItem<?> item) {
            checkWithItem(item);
            skip = Set.of("withItemList");
        } else if (node instanceof Table table) {
            checkTable(table, w.ctes());
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
            selectItemExpressions.add(item.getExpression());
        } else if (node instanceof Function function) {
            checkFunction(function);
        } else if (node instanceof AnalyticExpression analytic) {
            deny(analytic.getName(), "()");
        } else if (node instanceof NextValExpression) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION,
                    "NEXT VALUE FOR is not allowed: it advances a sequence");
        } else if (node instanceof VariableAssignment) {
            throw new QueryRejectedException(RejectionReason.DENIED_FUNCTION,
                    "assigning a variable is not allowed: it changes session state");
        }
        pushChildren(node, ctes, w.inWith() || node instanceof WithItem, w.depth() + 1, skip);
    }

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
        if (redacting && select instanceof SetOperationList operations) {
            List<Select> branches = operations.getSelects();
            for (int i = 1; i < branches.size(); i++) {
                if (exposesStar(branches.get(i))) {
                    throw redaction("a * after the first branch of UNION / INTERSECT / EXCEPT lists columns under the"
                            + " first branch's names, out of reach of column redaction; name the columns");
                }
            }
        }
        if (select instanceof ParenthesedSelect parenthesed) {
            Alias alias = parenthesed.getAlias();
            if (alias != null) {
                relationNames.add(unquote(alias.getName()));
                if (redacting && hasColumns(alias) && exposesStar(parenthesed.getSelect())) {
                    throw redaction("renaming the columns of a subquery with * (" + alias.getName().strip()
                            + "(...)) moves them out of reach of column redaction; name the columns");
                }
            }
        }
    }

    /** The CTE names visible in the select's body; the items themselves are queued with their own scope. */
    private Set<String> withItems(List<WithItem<?>> items, Set<String> outer, int depth) {
        List<String> names = new ArrayList<>();
        boolean recursive = false;
        for (WithItem<?> item : items) {
            names.add(item.getAlias() == null ? "" : unquote(item.getAlias().getName()));
            recursive |= item.isRecursive();
        }
        Set<String> all = union(outer, names);
        for (int i = items.size() - 1; i >= 0; i--) {
            work.push(new Work(items.get(i), recursive ? all : union(outer, names.subList(0, i)), true, depth + 1));
        }
        return all;
    }

    private void checkWithItem(WithItem<?> item) {
        if (item.getAlias() != null) {
            relationNames.add(unquote(item.getAlias().getName()));
        }
        List<SelectItem<?>> columns = item.getWithItemList();
        if (redacting && columns != null && !columns.isEmpty() && item.getStatement() instanceof ParenthesedSelect body
                && exposesStar(body.getSelect())) {
            throw redaction("renaming the columns of a WITH query with * moves them out of reach of column"
                    + " redaction; name the columns");
        }
    }

    private void checkTable(Table table, Set<String> ctes) {
        String name = unquote(table.getName());
        deny(name, " (as a table)");
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
        deny(name, " (as a column: attribute notation of a call)");
        if (redacting && isRedacted(name) && !labelledRedactedColumns.contains(column)) {
            throw redaction("column " + name + " is redacted: it may only be selected as it is (SELECT " + name
                    + " or SELECT t." + name + ", in the outermost select list, without renaming), not used in an"
                    + " expression, condition, ordering or subquery");
        }
        Table qualifier = column.getTable();
        if (qualifier == null || qualifier.getName() == null) {
            bareColumns.add(name);
        }
    }

    private void checkFunction(Function function) {
        if (function instanceof TableFunction table && table.getAlias() != null) {
            relationNames.add(unquote(table.getAlias().getName()));
        }
        List<String> parts = function.getMultipartName();
        if (parts == null || parts.isEmpty()) {
            return;
        }
        String name = unquote(parts.get(parts.size() - 1));
        deny(name, "()");
        if (redacting && isRedacted(name)) {
            throw redaction(name + "(...) would read a redacted column through function-call notation");
        }
    }

    private static void deny(@Nullable String name, String how) {
        if (name == null) {
            return;
        }
        QueryRejectedException denied = DeniedFunctions.check(unquote(name), how);
        if (denied != null) {
            throw denied;
        }
    }

    // ---- traversal

    private void pushChildren(Object node, Set<String> ctes, boolean inWith, int depth, Set<String> skip) {
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
                work.push(new Work(value, ctes, inWith, depth));
            }
        }
    }

    private void pushAll(List<?> children, Work parent) {
        for (int i = children.size() - 1; i >= 0; i--) {
            Object child = children.get(i);
            if (child != null) {
                work.push(new Work(child, parent.ctes(), parent.inWith(), parent.depth() + 1));
            }
        }
    }

    private static boolean isTreeNode(Class<?> type) {
        String name = type.getName();
        return name.startsWith("net.sf.jsqlparser.") && !name.startsWith("net.sf.jsqlparser.parser.") && !type.isEnum();
    }

    // ---- redaction helpers

    /** The select items whose labels name the result's columns. */
    private static List<SelectItem<?>> labelledItems(@Nullable Select select) {
        if (select instanceof PlainSelect plain) {
            return plain.getSelectItems() == null ? List.of() : plain.getSelectItems();
        }
        if (select instanceof ParenthesedSelect parenthesed) {
            return labelledItems(parenthesed.getSelect());
        }
        if (select instanceof SetOperationList operations && !operations.getSelects().isEmpty()) {
            return labelledItems(operations.getSelects().get(0));
        }
        return List.of();
    }

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

    private static Set<String> union(Set<String> outer, List<String> names) {
        if (names.isEmpty()) {
            return outer;
        }
        Set<String> all = new HashSet<>(outer);
        all.addAll(names);
        return Set.copyOf(all);
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

    private record Work(Object node, Set<String> ctes, boolean inWith, int depth) {
    }
}
