package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The strict JSON body reader: content type, size, syntax, duplicates, unknown fields and typed values. */
class BodySpecTest {

    private static final BodySpec SPEC = BodySpec.of(
            BodyField.string("action").required(),
            BodyField.integer("limit").between(1, 500),
            BodyField.number("ratio").between(0, 1),
            BodyField.bool("paused"),
            BodyField.oneOf("status", "up", "degraded", "down"),
            BodyField.object("params"),
            BodyField.stringMap("labels"),
            BodyField.string("note").maxLength(10));

    private static ApiRequest request(String body, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return new ApiRequest("POST", "/x", Map.of(), map, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonBody read(String body) {
        return SPEC.read(request(body, "Content-Type", "application/json"), 1024);
    }

    private static ApiException refusal(String body) {
        return catchThrowableOfType(ApiException.class, () -> read(body));
    }

    @Test
    void validBodyYieldsTypedValues() {
        JsonBody body = read("{\"action\": \"clear_cache\", \"limit\": 5, \"ratio\": 0.5, \"paused\": true, \"status\": \"down\","
                + " \"params\": {\"region\": \"eu\", \"n\": [1, null]}, \"labels\": {\"rule\": \"disk\"}, \"note\": null}");

        assertThat(body.string("action")).contains("clear_cache");
        assertThat(body.integer("limit")).contains(5);
        assertThat(body.number("ratio")).contains(0.5);
        assertThat(body.bool("paused")).contains(true);
        assertThat(body.string("status")).contains("down");
        assertThat(body.object("params")).containsEntry("region", "eu").containsKey("n");
        assertThat(body.stringMap("labels")).containsExactly(Map.entry("rule", "disk"));
        assertThat(body.has("note")).isFalse(); // null counts as absent
        assertThat(body.present()).doesNotContain("note");
        assertThatThrownBy(() -> body.integer("action")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> body.string("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentTypeMustBeJsonWithAtMostAUtf8Charset() {
        String body = "{\"action\": \"a\"}";
        assertThat(SPEC.read(request(body, "Content-Type", "application/json; charset=UTF-8"), 1024).string("action")).contains("a");
        assertThat(SPEC.read(request(body, "Content-Type", "Application/JSON;charset=\"utf-8\""), 1024).has("action")).isTrue();
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
                "application/jsonp", "application/json; boundary=x")) {
            ApiException refused = catchThrowableOfType(ApiException.class,
                    () -> SPEC.read(request(body, "Content-Type", type), 1024));
            assertThat(refused.status()).as(type).isEqualTo(415);
            assertThat(refused.code()).isEqualTo("unsupported_media_type");
        }
        ApiException none = catchThrowableOfType(ApiException.class, () -> SPEC.read(request(body), 1024));
        assertThat(none.status()).isEqualTo(415);
        assertThat(none.getMessage()).contains("Content-Type: application/json");
    }

    @Test
    void wrongContentTypeIsRefusedBeforeTheBodyIsRead() {
        AtomicInteger opened = new AtomicInteger();
        RequestBody body = RequestBody.lazy(20, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[20]);
        });
        ApiRequest request = new ApiRequest("POST", "/x", Map.of(), Map.of("Content-Type", "text/plain"), body);

        assertThat(catchThrowableOfType(ApiException.class, () -> SPEC.read(request, 1024)).status()).isEqualTo(415);
        assertThat(opened).hasValue(0);
    }

    @Test
    void emptyBodyIsFineOnlyWhenNoFieldIsRequired() {
        assertThat(BodySpec.NONE.read(request(""), 1024).present()).isEmpty();
        assertThat(BodySpec.NONE.read(request("{}", "Content-Type", "application/json"), 1024).present()).isEmpty();
        assertThat(BodySpec.NONE.read(request(" \n", "Content-Type", "application/json"), 1024).present()).isEmpty();
        ApiException refused = catchThrowableOfType(ApiException.class, () -> SPEC.read(request(""), 1024));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.getMessage()).startsWith("a JSON object body is required, with fields action (required), limit");
        assertThat(refusal("[1, 2]").getMessage()).startsWith("the body must be a JSON object").endsWith("got an array");
    }

    @Test
    void malformedJsonIs400WithWhereAndWhy() {
        ApiException refused = refusal("{nope");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("malformed_json");
        assertThat(refused.getMessage()).startsWith("malformed JSON at line 1, column 2: ");
        assertThat(refused.field()).isEmpty();
        assertThat(refusal("{\"action\": \"a\"").getMessage()).startsWith("malformed JSON at line 1");
    }

    @Test
    void duplicateKeysAre400NamingTheKeyWhereverTheyAre() {
        ApiException top = refusal("{\"action\":\"clear_cache\",\"action\":\"clear_connections\"}");
        assertThat(top.status()).isEqualTo(400);
        assertThat(top.code()).isEqualTo("duplicate_field");
        assertThat(top.field()).contains("action");
        assertThat(top.getMessage()).isEqualTo("duplicate field 'action': each field may appear once");

        ApiException nested = refusal("{\"action\": \"a\", \"params\": {\"limit\": 1, \"limit\": 2}}");
        assertThat(nested.field()).contains("params.limit");
    }

    @Test
    void anythingAfterTheObjectIs400() {
        for (String junk : List.of("{\"action\": \"a\"} {}", "{\"action\": \"a\"}x", "{\"action\": \"a\"} 5", "{\"action\": \"a\"}]")) {
            ApiException refused = refusal(junk);
            assertThat(refused.status()).as(junk).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("malformed_json");
            assertThat(refused.getMessage()).contains("goes on after its JSON value");
        }
        assertThat(read("{\"action\": \"a\"}\n  ").string("action")).contains("a");
    }

    @Test
    void unknownFieldIs400NamingItAndListingTheAllowedOnes() {
        ApiException refused = refusal("{\"action\": \"a\", \"by\": \"mallory\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("unknown_field");
        assertThat(refused.field()).contains("by");
        assertThat(refused.getMessage()).isEqualTo(
                "unknown field 'by'; allowed: action, limit, ratio, paused, status, params, labels, note");
        assertThat(catchThrowableOfType(ApiException.class, () -> BodySpec.NONE.parse("{\"by\": 1}".getBytes(StandardCharsets.UTF_8)))
                .getMessage()).isEqualTo("unknown field 'by'; this request takes no fields");
    }

    @Test
    void integerFieldRefusesFractionsTextAndBooleans() {
        assertThat(refusal("{\"action\": \"a\", \"limit\": 5.5}").getMessage())
                .isEqualTo("limit must be an integer 1..500; got 5.5");
        assertThat(refusal("{\"action\": \"a\", \"limit\": 5.0}").getMessage()).endsWith("got 5.0");
        assertThat(refusal("{\"action\": \"a\", \"limit\": \"5\"}").getMessage()).endsWith("got a string");
        assertThat(refusal("{\"action\": \"a\", \"limit\": true}").getMessage()).endsWith("got true");
        assertThat(refusal("{\"action\": \"a\", \"limit\": 501}").getMessage()).endsWith("got 501");
        assertThat(refusal("{\"action\": \"a\", \"limit\": 99999999999999999999}").field()).contains("limit");
        ApiException refused = refusal("{\"action\": \"a\", \"limit\": 5.5}");
        assertThat(refused.code()).isEqualTo("invalid_field");
        assertThat(refused.field()).contains("limit");
    }

    @Test
    void otherTypesAreCheckedToo() {
        assertThat(refusal("{\"action\": 42}").getMessage()).isEqualTo("action must be a string; got 42");
        assertThat(refusal("{\"action\": \"  \"}").getMessage()).isEqualTo("action must not be blank");
        assertThat(refusal("{\"limit\": 1}").code()).isEqualTo("missing_field");
        assertThat(refusal("{\"limit\": 1}").getMessage()).isEqualTo("action is required: a string");
        assertThat(refusal("{\"action\": null}").code()).isEqualTo("missing_field");
        assertThat(refusal("{\"action\": \"a\", \"ratio\": 7}").getMessage()).isEqualTo("ratio must be a number 0..1; got 7");
        assertThat(refusal("{\"action\": \"a\", \"ratio\": \"0.5\"}").getMessage()).endsWith("got a string");
        assertThat(refusal("{\"action\": \"a\", \"paused\": \"yes\"}").getMessage())
                .isEqualTo("paused must be true or false; got a string");
        assertThat(refusal("{\"action\": \"a\", \"status\": \"BOGUS\"}").getMessage())
                .isEqualTo("status must be one of up, degraded, down; got 'BOGUS'");
        assertThat(refusal("{\"action\": \"a\", \"params\": [1]}").getMessage()).isEqualTo("params must be a JSON object; got an array");
        assertThat(refusal("{\"action\": \"a\", \"labels\": {\"rule\": 1}}").getMessage())
                .isEqualTo("labels must be a JSON object of strings; 'rule' is a number");
        assertThat(refusal("{\"action\": \"a\", \"note\": \"far too long\"}").getMessage())
                .isEqualTo("note must be at most 10 characters; got 12");
    }

    @Test
    void messagesNeverNameJavaTypes() {
        for (String bad : List.of("{nope", "{\"action\": \"a\"", "{\"action\": \"a\"} x", "[", "\"text\"", "{\"a\":1,\"a\":2}",
                "{\"action\": \"a\", \"limit\": \"5\"}", "{\"action\": \"\u0000\"}", "{\"action\": 1e999999}",
                "[".repeat(2000), "{\"action\": \"a\", \"params\": {\"x\": " + "[".repeat(1500) + "]}}")) {
            ApiException refused = refusal(bad);
            assertThat(refused.getMessage()).as(bad)
                    .doesNotContain("Exception", "java.", "jackson", "`", "Source", "JsonNode", "START_", "byte[]");
        }
    }

    @Test
    void declaredOversizedBodyIsRefusedUnread() {
        AtomicInteger opened = new AtomicInteger();
        RequestBody body = RequestBody.lazy(2048, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[2048]);
        });
        ApiRequest request = new ApiRequest("POST", "/x", Map.of(), Map.of("Content-Type", "application/json"), body);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> SPEC.read(request, 1024));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.code()).isEqualTo("payload_too_large");
        assertThat(opened).hasValue(0);
    }

    @Test
    void undeclaredOversizedBodyIsReadOnlyOnePastTheCap() {
        AtomicLong consumed = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                consumed.incrementAndGet();
                return ' ';
            }
        };
        ApiRequest request = new ApiRequest("POST", "/x", Map.of(), Map.of("Content-Type", "application/json"),
                RequestBody.lazy(-1, () -> endless));

        assertThat(catchThrowableOfType(ApiException.class, () -> SPEC.read(request, 1024)).status()).isEqualTo(413);
        assertThat(consumed.get()).isEqualTo(1025);
        assertThat(catchThrowableOfType(ApiException.class, () -> request.body().read(1024)).status()).isEqualTo(413);
        assertThat(consumed.get()).isEqualTo(1025); // the answer is remembered, nothing more is read
    }

    @Test
    void specRendersAsJsonSchema() {
        Map<String, Object> schema = BodySpec.of(
                BodyField.string("query").required().describedAs("one read-only SQL statement"),
                BodyField.integer("maxRows").between(1, 1000),
                BodyField.oneOf("status", "up", "down")).toJsonSchema();

        assertThat(schema).containsEntry("type", "object").containsEntry("required", List.of("query"))
                .containsEntry("additionalProperties", false);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
        assertThat(properties.get("query")).containsEntry("type", "string").containsEntry("minLength", 1)
                .containsEntry("description", "one read-only SQL statement");
        assertThat(properties.get("maxRows")).containsEntry("type", "integer").containsEntry("minimum", 1L)
                .containsEntry("maximum", 1000L);
        assertThat(properties.get("status")).containsEntry("enum", List.of("up", "down"));
    }

    @Test
    void specsAreValidatedWhenDeclared() {
        assertThatThrownBy(() -> BodySpec.of(BodyField.string("a"), BodyField.bool("a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BodyField.string("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BodyField.oneOf("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BodyField.string("a").between(1, 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BodyField.integer("a").between(1.5, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRawFormBodyIsReadAsItCameAndOnlyWithTheFormContentType() {
        byte[] form = "payload=%7B%22type%22%3A%22block_actions%22%7D".getBytes(StandardCharsets.UTF_8);
        ApiRequest request = new ApiRequest("POST", "/x", Map.of(),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), form);
        assertThat(BodySpec.readRaw(request, 1024, Operation.FORM)).isEqualTo(form);

        ApiRequest json = new ApiRequest("POST", "/x", Map.of(), Map.of("Content-Type", "application/json"), form);
        ApiException refused = catchThrowableOfType(ApiException.class, () -> BodySpec.readRaw(json, 1024, Operation.FORM));
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.getMessage()).contains("application/x-www-form-urlencoded");
        ApiException formForJson = catchThrowableOfType(ApiException.class, () -> BodySpec.readRaw(request, 1024));
        assertThat(formForJson.status()).isEqualTo(415);
        ApiException tooLong = catchThrowableOfType(ApiException.class, () -> BodySpec.readRaw(request, 10, Operation.FORM));
        assertThat(tooLong.status()).isEqualTo(413);
    }
}
