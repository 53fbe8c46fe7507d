package dev.vigil.jdbc.query;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a query may run: length, then {@link SqlNormalizer} (one statement, canonical
 * literals), then JSqlParser on the canonical text and {@link ParsedQueryCheck} over the tree, and
 * last the lexer's own list of names written before {@code (}, as a backstop independent of the
 * parser: each must be a function on the dialect's {@link AllowedFunctions} list, a SQL word that
 * takes parentheses ({@code IN}, {@code EXISTS}, {@code OVER}, {@code CAST}, {@code VARCHAR}...), or
 * a relation the parse tree shows with a column list ({@code WITH t(a, b) AS ...}). Every "no" is a
 * {@link QueryRejectedException}; anything unexpected while checking also rejects.
 */
final class QueryValidator {

    /** JSqlParser gives up after this long (it stops its own parser thread). */
    private static final long PARSE_TIMEOUT_MILLIS = 2_000;

    /** First words of statements that are not queries, for a precise message when the parser cannot read them. */
    private static final Set<String> NOT_QUERIES = Set.of("abort", "alter", "analyze", "analyse", "backup", "begin",
            "call", "checkpoint", "close", "cluster", "comment", "commit", "copy", "create", "deallocate", "declare",
            "delete", "discard", "do", "drop", "end", "execute", "fetch", "grant", "import", "insert", "listen", "load",
            "lock", "merge", "move", "notify", "prepare", "reassign", "refresh", "reindex", "release", "replace",
            "reset", "revoke", "rollback", "runscript", "savepoint", "script", "security", "set", "show", "shutdown",
            "start", "truncate", "unlisten", "update", "upsert", "vacuum");

    private static final String ALLOWED = "; only SELECT, WITH ... SELECT, VALUES and EXPLAIN (without ANALYZE) can be run";

    private final QueryRunnerSettings settings;

    QueryValidator(QueryRunnerSettings settings) {
        this.settings = settings;
    }

    /** The text to run for {@code query} on a database of {@code dialect}, or a rejection. */
    String validate(String query, SqlDialect dialect) {
        if (query.length() > settings.maxQueryLength()) {
            throw new QueryRejectedException(RejectionReason.TOO_LONG, "the query is " + query.length()
                    + " characters long; the limit is " + settings.maxQueryLength());
        }
        SqlNormalizer.Normalized normalized = SqlNormalizer.normalize(query, dialect);
        Select select = query(parse(normalized), normalized.firstWord());
        ParsedQueryCheck parsed = new ParsedQueryCheck(settings, dialect);
        try {
            parsed.check(select);
        } catch (QueryRejectedException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new QueryRejectedException(RejectionReason.TOO_DEEPLY_NESTED, "the query is nested too deeply to check");
        } catch (RuntimeException e) {
            throw new QueryRejectedException(RejectionReason.UNPARSEABLE, "the parsed query cannot be checked: " + e);
        }
        // The lexer's view of calls, independent of how JSqlParser represents them.
        for (String name : normalized.calledNames()) {
            if (AllowedFunctions.find(dialect, name).isEmpty() && !AllowedFunctions.isSyntax(name)
                    && !AllowedFunctions.isKeywordBeforeParenthesis(name) && !parsed.namesWithColumnLists().contains(name)) {
                throw AllowedFunctions.rejection(name, dialect);
            }
        }
        return normalized.sql();
    }

    private static Statement parse(SqlNormalizer.Normalized normalized) {
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(normalized.parseSql(),
                    parser -> parser.withTimeOut(PARSE_TIMEOUT_MILLIS));
        } catch (JSQLParserException e) {
            Throwable root = rootCause(e);
            if (root instanceof StackOverflowError) {
                throw new QueryRejectedException(RejectionReason.TOO_DEEPLY_NESTED, "the query is nested too deeply to parse");
            }
            if (isNotAQuery(normalized.firstWord())) {
                throw notAQuery(normalized.firstWord());
            }
            if (root instanceof TimeoutException) {
                throw new QueryRejectedException(RejectionReason.UNPARSEABLE, "the query took longer than "
                        + PARSE_TIMEOUT_MILLIS + " ms to parse");
            }
            throw new QueryRejectedException(RejectionReason.UNPARSEABLE, "the query does not parse: " + firstLine(root));
        } catch (StackOverflowError e) {
            throw new QueryRejectedException(RejectionReason.TOO_DEEPLY_NESTED, "the query is nested too deeply to parse");
        }
        if (statements == null || statements.isEmpty() || statements.get(0) == null) {
            throw new QueryRejectedException(RejectionReason.EMPTY, "the query holds no statement");
        }
        if (statements.size() > 1) {
            throw new QueryRejectedException(RejectionReason.MULTIPLE_STATEMENTS, "only one statement may be run; the query holds "
                    + statements.size());
        }
        return statements.get(0);
    }

    private static Select query(Statement statement, @Nullable String firstWord) {
        if (statement instanceof Select select) {
            return select;
        }
        if (statement instanceof ExplainStatement explain) {
            if (explain.getOption(ExplainStatement.OptionType.ANALYZE) != null) {
                throw new QueryRejectedException(RejectionReason.EXPLAIN_ANALYZE,
                        "EXPLAIN ANALYZE executes the statement; use EXPLAIN without ANALYZE");
            }
            if (explain.getStatement() instanceof Select select) {
                return select;
            }
            throw new QueryRejectedException(RejectionReason.NOT_A_QUERY, "EXPLAIN is only allowed for a query"
                    + ALLOWED);
        }
        throw notAQuery(firstWord);
    }

    private static boolean isNotAQuery(@Nullable String firstWord) {
        return firstWord != null && NOT_QUERIES.contains(firstWord);
    }

    private static QueryRejectedException notAQuery(@Nullable String firstWord) {
        String what = firstWord == null ? "the statement" : firstWord.toUpperCase(Locale.ROOT);
        return new QueryRejectedException(RejectionReason.NOT_A_QUERY, what + " is not a query" + ALLOWED);
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
