package dev.vigil.demo;

import java.util.List;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Business metrics read from the demo's own tables every collection interval. Each bean's name is
 * its section in {@code /api/admin/system-health} ({@code users}, {@code videos}, {@code curation},
 * {@code revenue}).
 */
@Configuration(proxyBeanMethods = false)
class DemoCollectors {

    @Bean
    MetricCollector users(JdbcTemplate jdbc) {
        return () -> List.of(
                MetricSample.of("users.total", count(jdbc, "SELECT COUNT(*) FROM users")),
                MetricSample.of("users.active.today", count(jdbc,
                        "SELECT COUNT(*) FROM users WHERE last_active_at >= CURRENT_DATE")),
                MetricSample.of("users.new.today", count(jdbc,
                        "SELECT COUNT(*) FROM users WHERE created_at >= CURRENT_DATE")),
                MetricSample.of("users.lifetime.members", count(jdbc,
                        "SELECT COUNT(*) FROM users WHERE lifetime_member")));
    }

    @Bean
    MetricCollector videos(JdbcTemplate jdbc) {
        return () -> List.of(
                MetricSample.of("videos.total", count(jdbc, "SELECT COUNT(*) FROM videos")),
                MetricSample.of("videos.added.today", count(jdbc,
                        "SELECT COUNT(*) FROM videos WHERE created_at >= CURRENT_DATE")));
    }

    @Bean
    MetricCollector curation(JdbcTemplate jdbc) {
        return () -> List.of(
                MetricSample.of("curation.screened.today", count(jdbc,
                        "SELECT COALESCE(SUM(screened), 0) FROM curation_runs WHERE started_at >= CURRENT_DATE")),
                MetricSample.of("curation.accepted.today", count(jdbc,
                        "SELECT COALESCE(SUM(accepted), 0) FROM curation_runs WHERE started_at >= CURRENT_DATE")),
                MetricSample.of("curation.api.quota.used", count(jdbc,
                        "SELECT COALESCE(MAX(quota_used), 0) FROM api_quotas WHERE service = 'youtube' AND quota_date = CURRENT_DATE")),
                MetricSample.of("curation.api.quota.limit", count(jdbc,
                        "SELECT COALESCE(MAX(quota_limit), 0) FROM api_quotas WHERE service = 'youtube' AND quota_date = CURRENT_DATE")));
    }

    @Bean
    MetricCollector revenue(JdbcTemplate jdbc) {
        return () -> List.of(MetricSample.of("revenue.mrr", count(jdbc,
                "SELECT COALESCE(SUM(monthly_price), 0) FROM users")));
    }

    private static double count(JdbcTemplate jdbc, String sql) {
        Number value = jdbc.queryForObject(sql, Number.class);
        return value == null ? 0 : value.doubleValue();
    }
}
