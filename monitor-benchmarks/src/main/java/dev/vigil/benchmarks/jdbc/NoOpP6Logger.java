package dev.vigil.benchmarks.jdbc;

import com.p6spy.engine.logging.Category;
import com.p6spy.engine.spy.appender.P6Logger;

/**
 * P6Spy's appender for the benchmarks: every category disabled, so P6Spy wraps and times statements
 * as deployed but formats and writes nothing. P6Spy instantiates it by name, hence public.
 */
public final class NoOpP6Logger implements P6Logger {

    /** Called by P6Spy. */
    public NoOpP6Logger() {
    }

    @Override
    public void logSQL(int connectionId, String now, long elapsed, Category category, String prepared, String sql,
            String url) {
        // logging off
    }

    @Override
    public void logException(Exception e) {
        // logging off
    }

    @Override
    public void logText(String text) {
        // logging off
    }

    @Override
    public boolean isCategoryEnabled(Category category) {
        return false;
    }
}
