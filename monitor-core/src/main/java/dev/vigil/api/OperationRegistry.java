package dev.vigil.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The operations an API serves, contributed by modules ({@link MonitorApi#register}): core's health,
 * metrics, alerts, actions, switches and audit; the JDBC module's statement statistics; a host's own
 * views. Ids are unique, and no two operations share a method on paths of one shape.
 *
 * <p>A request path is matched segment by segment against every template; when several match, the one
 * with a literal segment first where they differ wins ({@code /alerts/history} over {@code /alerts/{id}}),
 * and then the request's method picks the operation among those on that template.
 */
public final class OperationRegistry {

    private final String adminBasePath;
    private final List<Entry> entries = new ArrayList<>(); // guarded by this

    /** An empty registry whose admin operations live below {@code adminBasePath}, e.g. {@code /api/admin}. */
    public OperationRegistry(String adminBasePath) {
        this.adminBasePath = Objects.requireNonNull(adminBasePath, "adminBasePath");
    }

    /** The admin base path. */
    public String adminBasePath() {
        return adminBasePath;
    }

    /**
     * Adds {@code operation}.
     *
     * @throws IllegalArgumentException if its id is taken, or another operation has its method on a path of
     *         the same shape
     */
    public synchronized void register(Operation operation) {
        Objects.requireNonNull(operation, "operation");
        PathTemplate template = PathTemplate.parse(fullPath(operation));
        for (Entry entry : entries) {
            if (entry.operation.id().equals(operation.id())) {
                throw new IllegalArgumentException("an operation with id '" + operation.id() + "' is already registered");
            }
            if (entry.template.shape().equals(template.shape()) && entry.operation.method().equals(operation.method())) {
                throw new IllegalArgumentException("operation " + operation.id() + " (" + operation.method() + " "
                        + template + ") clashes with " + entry.operation.id() + " (" + entry.template + ")");
            }
        }
        entries.add(new Entry(operation, template));
    }

    /** Every operation, in the order registered. */
    public synchronized List<Operation> operations() {
        return entries.stream().map(Entry::operation).toList();
    }

    /** The operation with {@code id}, if any. */
    public synchronized Optional<Operation> find(String id) {
        return entries.stream().map(Entry::operation).filter(operation -> operation.id().equals(id)).findFirst();
    }

    /** The whole path template of {@code operation}: below the admin base path, or from the root. */
    public String fullPath(Operation operation) {
        return operation.base() == Operation.Base.ADMIN ? adminBasePath + operation.path() : operation.path();
    }

    /** The operations on the most specific template that matches {@code path}, or null when none does. */
    synchronized @Nullable Match match(String path) {
        String[] segments = PathTemplate.split(path);
        Entry best = null;
        for (Entry entry : entries) {
            if (entry.template.match(segments) != null
                    && (best == null || entry.template.compareSpecificity(best.template) < 0)) {
                best = entry;
            }
        }
        if (best == null) {
            return null;
        }
        List<Entry> sameShape = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.template.shape().equals(best.template.shape())) {
                sameShape.add(entry);
            }
        }
        return new Match(sameShape, segments);
    }

    /** The operations on the template that matched a path. */
    static final class Match {
        private final List<Entry> entries;
        private final String[] segments;

        private Match(List<Entry> entries, String[] segments) {
            this.entries = entries;
            this.segments = segments;
        }

        /** The operations, in the order registered. */
        List<Operation> operations() {
            return entries.stream().map(Entry::operation).toList();
        }

        /** The operation answering {@code method}, if any. */
        Optional<Operation> forMethod(String method) {
            return operations().stream().filter(operation -> operation.answers(method)).findFirst();
        }

        /** The values of {@code operation}'s path variables in the matched path. */
        Map<String, String> variables(Operation operation) {
            for (Entry entry : entries) {
                if (entry.operation == operation) {
                    return Objects.requireNonNull(entry.template.match(segments));
                }
            }
            throw new IllegalArgumentException(operation.id() + " is not one of the matched operations");
        }

        /** The {@code Allow} header: each method, {@code GET} followed by {@code HEAD}. */
        String allow() {
            List<String> methods = new ArrayList<>();
            for (Operation operation : operations()) {
                methods.add(operation.method());
                if (operation.method().equals("GET")) {
                    methods.add("HEAD");
                }
            }
            return String.join(", ", methods);
        }
    }

    private record Entry(Operation operation, PathTemplate template) {
    }
}
