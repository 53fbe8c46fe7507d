package dev.vigil.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A parsed cron expression (the only class that touches the optional cron-utils library), for job
 * expectations and the briefing schedule. Not API.
 *
 * <p>Five fields are Unix cron ({@code minute hour day-of-month month day-of-week}); six fields are
 * Spring's {@code @Scheduled} syntax, seconds first ({@code 0 0 * * * ?}, {@code 0 30 9 * * MON-FRI}),
 * which also takes Spring's macros such as {@code @hourly}.
 */
public final class CronSchedule {

    private static final ZonedDateTime PROBE = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final String expression;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ExecutionTime executionTime) {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /**
     * Parses a 5-field Unix or 6-field Spring expression.
     *
     * @throws IllegalArgumentException naming the expression when it is not valid or never fires
     */
    public static CronSchedule parse(String expression) {
        String trimmed = expression.trim();
        CronType type;
        if (trimmed.startsWith("@")) {
            type = CronType.SPRING53;
        } else {
            int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
            if (fields == 5) {
                type = CronType.UNIX;
            } else if (fields == 6) {
                type = CronType.SPRING53;
            } else {
                throw new IllegalArgumentException("cron expression '" + expression + "' has " + fields
                        + " fields; expected 5 (Unix: minute hour day-of-month month day-of-week)"
                        + " or 6 (Spring: second minute hour day-of-month month day-of-week)");
            }
        }
        ExecutionTime executionTime;
        try {
            Cron cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(trimmed).validate();
            executionTime = ExecutionTime.forCron(cron);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage(), e);
        }
        if (executionTime.nextExecution(PROBE).isEmpty()) {
            throw new IllegalArgumentException("cron expression '" + expression + "' never fires");
        }
        return new CronSchedule(expression, executionTime);
    }

    /** The latest fire time strictly before {@code instant}, evaluated in {@code zone}. */
    public Optional<Instant> lastFireBefore(Instant instant, ZoneId zone) {
        return executionTime.lastExecution(instant.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }
}
