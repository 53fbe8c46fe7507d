package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import dev.vigil.Monitor;
import dev.vigil.alert.slack.SlackInteractions;
import dev.vigil.api.ApiTable;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The README's table of operations is the registry's: core's operations, the JDBC module's and the Slack module's,
 * rendered by {@link ApiTable}, must stand verbatim between the README's operation markers.
 */
class ApiTableTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- operations:start";
    private static final String END = "<!-- operations:end -->";
    private static final String UPDATE = "mvn -B -o -q -pl monitor-jdbc -am test -Dtest=ApiTableTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.readme.update=true";

    @Test
    void readmeListsEveryOperation() throws Exception {
        String table;
        try (Monitor monitor = Monitor.builder().adminToken("unused").bindSystemMeters(false)
                .systemMetrics(false, Path.of(".")).build()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:api-table-" + UUID.randomUUID());
            JdbcMonitoring.install(monitor, MonitoredDataSource.wrap(h2, monitor));
            monitor.api().register(SlackInteractions.builder().signingSecret("unused").build().operation());
            table = ApiTable.markdown(monitor.api());
        }
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README.md has no '" + START + " ... -->' marker").isNotNegative();
        assertThat(end).as("README.md has no '" + END + "' marker").isGreaterThan(start);
        int tableStart = readme.indexOf('\n', start) + 1;
        if (Boolean.getBoolean("vigil.readme.update")) {
            Files.writeString(README, readme.substring(0, tableStart) + table + readme.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme.substring(tableStart, end))
                .as("README.md's table of operations differs from the registry; to update it run%n  %s%nand commit"
                        + " README.md", UPDATE)
                .isEqualTo(table);
    }
}
