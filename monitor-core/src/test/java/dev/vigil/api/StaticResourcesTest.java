package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import org.junit.jupiter.api.Test;

/** Class path files served below a path of the API, with content types, cache headers and nothing outside the root. */
class StaticResourcesTest {

    private final MonitorApi api = new MonitorApi(ApiSettings.ofDefaults(),
            request -> request.header("X-User").map(user -> Caller.person(user).withRoles(user.equals("reader")
                    ? java.util.Set.of(Role.READ) : java.util.Set.of(Role.INGEST))));

    StaticResourcesTest() {
        api.serve(StaticResources.builder("/admin/monitoring", "dev/vigil/api/static-test")
                .maxAge(Duration.ofMinutes(10))
                .build());
        api.serve(StaticResources.builder("/admin/private", "dev/vigil/api/static-test")
                .access(Access.role(Role.READ))
                .build());
    }

    private ApiResponse get(String path, String... headers) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return api.handle(ApiRequest.of("GET", path, map));
    }

    @Test
    void filesAreServedWithTheirTypeAndCacheHeaders() {
        ApiResponse script = get("/admin/monitoring/app.js");

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.bodyText()).isEqualTo("console.log(\"vigil\");\n");
        assertThat(script.headers()).containsEntry("Cache-Control", "public, max-age=600")
                .containsEntry("X-Content-Type-Options", "nosniff").containsKey("ETag");
        assertThat(get("/admin/monitoring/style.css").contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(get("/admin/monitoring/sub/page.html").bodyText()).isEqualTo("<p>sub</p>\n");
    }

    @Test
    void theMountPathServesTheIndexUncached() {
        for (String path : new String[] {"/admin/monitoring", "/admin/monitoring/"}) {
            ApiResponse index = get(path);
            assertThat(index.status()).as(path).isEqualTo(200);
            assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(index.bodyText()).contains("<title>Vigil</title>");
            assertThat(index.headers()).containsEntry("Cache-Control", "no-cache");
        }
    }

    @Test
    void aMatchingETagIsAnswered304() {
        String etag = get("/admin/monitoring/app.js").headers().get("ETag");

        ApiResponse again = get("/admin/monitoring/app.js", "If-None-Match", etag);

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void nothingOutsideTheRootNorOfUnknownTypeIsServed() {
        for (String path : new String[] {"/admin/monitoring/../outside.txt", "/admin/monitoring/%2e%2e/outside.txt",
                "/admin/monitoring/notes.secret", "/admin/monitoring/missing.js", "/admin/monitoring/.hidden.js",
                "/admin/monitoring/sub//page.html", "/admin/monitoring/folder.js", "/admin/monitoring/sub/",
                "/admin/monitoring\\..\\outside.txt"}) {
            ApiResponse response = get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).isEqualTo(ApiResponse.JSON);
        }
    }

    @Test
    void onlyGetAndHeadAndTheDeclaredAccess() {
        ApiResponse post = api.handle(ApiRequest.of("POST", "/admin/monitoring/app.js", Map.of()));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(api.handle(ApiRequest.of("HEAD", "/admin/monitoring/app.js", Map.of())).status()).isEqualTo(200);

        assertThat(get("/admin/private/app.js").status()).isEqualTo(401);
        assertThat(get("/admin/private/app.js", "X-User", "ingest-bot").status()).isEqualTo(403);
        ApiResponse reader = get("/admin/private/app.js", "X-User", "reader");
        assertThat(reader.status()).isEqualTo(200);
        assertThat(reader.headers()).containsEntry("Cache-Control", "private, max-age=3600");
    }

    @Test
    void mountsIncludeTheFilesAndOverlapsAreRefused() {
        assertThat(api.mounts()).contains(new MonitorApi.Mount("/admin/monitoring", true));
        assertThatThrownBy(() -> api.serve(StaticResources.builder("/admin/monitoring/assets", "x").build()))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> StaticResources.builder("/files/{name}", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StaticResources.builder("/files", "../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addedHeadersGoWithEveryAnswerButNotInPlaceOfTheCachingOnes() {
        MonitorApi strict = new MonitorApi(ApiSettings.ofDefaults(), request -> java.util.Optional.empty());
        strict.serve(StaticResources.builder("/admin/monitoring", "dev/vigil/api/static-test")
                .header("Content-Security-Policy", "default-src 'self'")
                .header("X-Frame-Options", "DENY")
                .build());

        for (String path : new String[] {"/admin/monitoring", "/admin/monitoring/app.js"}) {
            ApiResponse answer = strict.handle(ApiRequest.of("GET", path, Map.of()));
            assertThat(answer.headers()).as(path).containsEntry("Content-Security-Policy", "default-src 'self'")
                    .containsEntry("X-Frame-Options", "DENY").containsEntry("X-Content-Type-Options", "nosniff");
        }
        assertThatThrownBy(() -> StaticResources.builder("/x", "dev/vigil/api/static-test").header("ETag", "\"1\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ETag");
        assertThatThrownBy(() -> StaticResources.builder("/x", "dev/vigil/api/static-test").header("X-A", "a\nb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable");
    }
}
