package dev.vigil.api;

import java.util.ArrayList;
import java.util.List;

/** The operations of an API as the README's markdown table: one row per operation, in registration order. */
public final class ApiTable {

    private ApiTable() {
    }

    /** The table, header included, each line ending in a newline. */
    public static String markdown(MonitorApi api) {
        StringBuilder table = new StringBuilder();
        table.append("| method + path | id | access | changes state | what | input |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Operation operation : api.operations().operations()) {
            table.append("| `").append(operation.method()).append(' ').append(api.operations().fullPath(operation))
                    .append("` | `").append(operation.id())
                    .append("` | ").append(operation.access().jsonName())
                    .append(" | ").append(operation.changesState() ? "yes" : "no")
                    .append(" | ").append(operation.description().replace("|", "\\|"))
                    .append(" | ").append(input(operation.input()))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String input(InputSchema input) {
        List<String> parts = new ArrayList<>();
        List<String> query = new ArrayList<>();
        input.queryParams().forEach(field -> query.add("`" + field.name() + "`" + (field.isRequired() ? " (required)" : "")));
        if (input.otherQueryParams() != null) {
            query.add("any other: " + input.otherQueryParams());
        }
        if (!query.isEmpty()) {
            parts.add("query " + String.join(", ", query));
        }
        input.headers().keySet().forEach(header -> parts.add("header `" + header + "`"));
        if (input.body() != null) {
            List<String> fields = new ArrayList<>();
            input.body().fields().forEach(field -> fields.add("`" + field.name() + "`" + (field.isRequired() ? " (required)" : "")));
            parts.add(fields.isEmpty() ? "no body, or `{}`" : "body " + String.join(", ", fields));
        }
        return parts.isEmpty() ? "-" : String.join("; ", parts);
    }
}
