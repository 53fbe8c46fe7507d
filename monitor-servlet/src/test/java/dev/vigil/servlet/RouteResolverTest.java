package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The id-collapsing path normaliser, and that its allocation-free hash and compare agree with it. */
class RouteResolverTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /bookings/42                                         | /bookings/{id}
            /bookings/42/                                        | /bookings/{id}
            /bookings/42?expand=guest                            | /bookings/{id}
            /bookings/42#top                                     | /bookings/{id}
            /users/550e8400-e29b-41d4-a716-446655440000/avatar   | /users/{id}/avatar
            /users/550E8400-E29B-41D4-A716-446655440000          | /users/{id}
            /blobs/0123456789abcdef0123                          | /blobs/{id}
            /blobs/deadbeefdeadbeef                              | /blobs/{id}
            /files/dGhpcyBpcyBhIHRva2VuMTIz                      | /files/{id}
            /share/Xk9_aB3-zQ7uLm2pWv8rT1                        | /share/{id}
            /reports/2026-01-15/summary                          | /reports/{id}/summary
            /prices/1.5                                          | /prices/{id}
            /orders/7/items/12                                   | /orders/{id}/items/{id}
            /api/v2/users                                        | /api/v2/users
            /api/v1.2/users                                      | /api/v1.2/users
            /notification-preferences                            | /notification-preferences
            /cafe/deadbeef                                       | /cafe/deadbeef
            /posts/how-to-cook-a-perfect-steak                   | /posts/how-to-cook-a-perfect-steak
            /a;jsessionid=ABC123DEF/b                            | /a/b
            //a///b//                                            | /a/b
            /                                                    | /
            /?q=1                                                | /
            /2024-                                               | /2024-
            """)
    void normalizePathCollapsesIdsAndKeepsNames(String path, String template) {
        assertThat(RouteResolver.normalizePath(path)).isEqualTo(template);

        int[] pieces = PathTemplates.buffer();
        long key = PathTemplates.scan(path, 0, pieces);
        assertThat(PathTemplates.hashCode(key)).isEqualTo(template.hashCode());
        assertThat(PathTemplates.length(key)).isEqualTo(template.length());
        assertThat(PathTemplates.matches(path, pieces, template)).isTrue();
        assertThat(PathTemplates.matches(path, pieces, template + "x")).isFalse();
        assertThat(PathTemplates.matches(path, pieces, template.substring(0, template.length() - 1))).isFalse();
        assertThat(PathTemplates.template(path, pieces)).isEqualTo(template);

        String withContext = "/shop" + (path.startsWith("/") ? path : "/" + path);
        assertThat(PathTemplates.template(withContext, "/shop".length())).isEqualTo(template);
        PathTemplates.scan(withContext, "/shop".length(), pieces);
        assertThat(PathTemplates.matches(withContext, pieces, template)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"''", "/", "//", "/?", "/;a=1", "#/a"})
    void emptyPathIsTheRoot(String path) {
        assertThat(RouteResolver.normalizePath(path)).isEqualTo("/");
        int[] pieces = PathTemplates.buffer();
        long key = PathTemplates.scan(path, 0, pieces);
        assertThat(PathTemplates.matches(path, pieces, "/")).isTrue();
        assertThat(PathTemplates.matches(path, pieces, "/a")).isFalse();
        assertThat(PathTemplates.hashCode(key)).isEqualTo("/".hashCode());
        assertThat(PathTemplates.length(key)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"200, false", "201, true"})
    void templatesLongerThanTheLimitAreFlagged(int length, boolean tooLong) {
        String path = "/" + "x".repeat(length - 1); // not hex, so not an id

        assertThat(PathTemplates.scan(path, 0, PathTemplates.buffer()) == PathTemplates.TOO_LONG).isEqualTo(tooLong);
        assertThat(RouteResolver.normalizePath(path)).as("normalizePath has no limit").isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource({"200, false", "201, true"})
    void theLimitIsOnTheTemplateNotThePath(int length, boolean tooLong) {
        String name = "/" + "x".repeat(length - "/{id}".length() - 1);
        String path = name + "/12345678901234567890;v=1?q=" + "x".repeat(300); // longer than the template

        assertThat(PathTemplates.scan(path, 0, PathTemplates.buffer()) == PathTemplates.TOO_LONG).isEqualTo(tooLong);
        assertThat(RouteResolver.normalizePath(path)).hasSize(length);
    }

    @ParameterizedTest
    @CsvSource({"100, false", "101, true"})
    void theMostPiecesFitTheBuffer(int names, boolean tooLong) {
        String path = "/a/".repeat(names); // double slashes: one piece per name
        int[] buffer = PathTemplates.buffer();

        long key = PathTemplates.scan(path, 0, buffer);

        assertThat(key == PathTemplates.TOO_LONG).isEqualTo(tooLong);
        if (!tooLong) {
            assertThat(buffer[0]).isEqualTo(names);
            assertThat(PathTemplates.template(path, buffer)).isEqualTo("/a".repeat(names));
        }
    }
}
