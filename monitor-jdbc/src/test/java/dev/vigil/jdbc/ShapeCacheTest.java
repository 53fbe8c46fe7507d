package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeCacheTest {

    private final List<String> loaded = new ArrayList<>();
    private final ShapeCache cache = new ShapeCache(3, 1_000, sql -> {
        loaded.add(sql);
        return new StatementShape(SqlShapes.normalize(sql));
    });

    @Test
    void sqlSeenBeforeIsNotShapedAgain() {
        StatementShape first = cache.get("SELECT 1");

        assertThat(cache.get("SELECT 1")).isSameAs(first);
        assertThat(loaded).containsExactly("SELECT 1");
    }

    @Test
    void oneOffStatementsDoNotGrowItBeyondTwoGenerations() {
        for (int i = 0; i < 100; i++) {
            cache.get("SELECT " + i);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(6);
        assertThat(loaded).hasSize(100);
    }

    @Test
    void statementsInUseSurviveGenerationChanges() {
        StatementShape hot = cache.get("SELECT hot");
        for (int i = 0; i < 50; i++) {
            cache.get("SELECT " + i);
            assertThat(cache.get("SELECT hot")).isSameAs(hot);
        }

        assertThat(loaded).filteredOn("SELECT hot"::equals).hasSize(1);
    }

    @Test
    void generationIsAlsoBoundedByCharacters() {
        String big = "SELECT '" + "x".repeat(600) + "'";
        cache.get(big + " AS a");
        cache.get(big + " AS b");
        cache.get(big + " AS c");

        assertThat(cache.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void veryLongSqlIsShapedEachTimeButNeverKept() {
        String huge = "SELECT '" + "x".repeat(ShapeCache.MAX_CACHED_SQL_LENGTH) + "'";

        cache.get(huge);
        cache.get(huge);

        assertThat(loaded).hasSize(2);
        assertThat(cache.size()).isZero();
    }
}
