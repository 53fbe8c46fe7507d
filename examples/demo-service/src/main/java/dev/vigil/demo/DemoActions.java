package dev.vigil.demo;

import java.sql.SQLException;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.action.ActionSeverity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The buttons that fix the demo's usual problems, triggered through {@code POST /api/admin/trigger-action}
 * or by auto-fix when an alert names them: all three do real work.
 */
@Configuration(proxyBeanMethods = false)
class DemoActions {

    /** Runs a curation now: the {@code curation} job's last run moves and its check recovers. */
    @Bean
    ActionRegistration startCuration(CurationService curation) {
        return ActionRegistration.builder("start_curation", context -> {
            curation.runOnce();
            return ActionResult.succeeded("curation ran");
        }).description("Runs the video curation job now").build();
    }

    /** Empties the bookings cache, so the next reads go to the database. */
    @Bean
    ActionRegistration clearCache(BookingCache cache) {
        return ActionRegistration.builder("clear_cache", context -> {
            int cleared = cache.clear();
            return ActionResult.succeeded("cleared " + cleared + " cached entries").withDetail("cleared", cleared);
        }).description("Empties the bookings cache").build();
    }

    /** Closes the pool's idle connections; busy ones are closed when returned. Critical: it needs approval. */
    @Bean
    ActionRegistration clearConnections(DataSource dataSource) {
        return ActionRegistration.builder("clear_connections", context -> {
            HikariPoolMXBean pool = pool(dataSource);
            int idleBefore = pool.getIdleConnections();
            pool.softEvictConnections();
            return ActionResult.succeeded("evicted " + idleBefore + " idle connections")
                    .withDetail("idleBefore", idleBefore)
                    .withDetail("idleAfter", pool.getIdleConnections())
                    .withDetail("active", pool.getActiveConnections());
        }).description("Closes idle database connections (HikariCP soft eviction)")
                .severity(ActionSeverity.CRITICAL).build();
    }

    private static HikariPoolMXBean pool(DataSource dataSource) throws SQLException {
        HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        if (pool == null) {
            throw new IllegalStateException("the connection pool has not started");
        }
        return pool;
    }
}
