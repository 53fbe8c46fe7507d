package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The single-pass scan, which classifies segments by the kinds of their characters, agrees with the
 * rules of {@link PathTemplates} written plainly with regular expressions.
 */
class PathTemplatesTest {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+([-._:][0-9]+)*");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{16,}");
    private static final Pattern TOKEN = Pattern.compile("(?=.*[0-9])(?=.*[a-zA-Z])[a-zA-Z0-9\\-_=+~%]{20,}");

    /** Parts random paths are made of: every kind of character, and segments near each rule's edge. */
    private static final String[] PARTS = {
        "/", "/", "/", "?", "#", ";", ";v=1", "a", "z", "F", "G", "0", "9", "-", "_", ".", ":", "=", "+", "~", "%",
        "é", " ", "{", "api", "users", "42", "2026-01-15", "1--2", "1.", "deadbeefdeadbeef", "deadbeefdeadbee",
        "DEADBEEFDEADBEEF0", "dGhpcyBpcyBhIHRva2VuMTIz", "Xk9_aB3-zQ7uLm2pWv8r", "Xk9_aB3-zQ7uLm2pWv8", "abcdefghijklmnopqrstu",
        "12345678901234567890", "12345678-1234-1234-1234-123456789012", "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa",
        "aaaaaaaa_aaaa-aaaa-aaaa-aaaaaaaaaaaa", "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaag", "gggggggg-gggg-gggg-gggg-gggggggggggg",
        UUID.nameUUIDFromBytes(new byte[] {1}).toString(), UUID.nameUUIDFromBytes(new byte[] {2}).toString().toUpperCase(),
    };

    @Test
    void randomPathsGetTheTemplateOfThePlainRules() {
        Random random = new Random(7);
        int[] pieces = PathTemplates.buffer();
        List<String> seen = new ArrayList<>();
        for (int run = 0; run < 20_000; run++) {
            StringBuilder path = new StringBuilder();
            for (int parts = random.nextInt(12); parts > 0; parts--) {
                path.append(PARTS[random.nextInt(PARTS.length)]);
            }
            String raw = path.toString();
            String expected = plainTemplate(raw);

            assertThat(RouteResolver.normalizePath(raw)).as(raw).isEqualTo(expected);
            long key = PathTemplates.scan(raw, 0, pieces);
            if (expected.length() > PathTemplates.MAX_LENGTH) {
                assertThat(key).as(raw).isEqualTo(PathTemplates.TOO_LONG);
                continue;
            }
            assertThat(PathTemplates.hashCode(key)).as(raw).isEqualTo(expected.hashCode());
            assertThat(PathTemplates.length(key)).as(raw).isEqualTo(expected.length());
            assertThat(PathTemplates.template(raw, pieces)).as(raw).isEqualTo(expected);
            assertThat(PathTemplates.matches(raw, pieces, expected)).as(raw).isTrue();
            String other = seen.isEmpty() ? "/" : seen.get(random.nextInt(seen.size()));
            assertThat(PathTemplates.matches(raw, pieces, other)).as(raw + " against " + other)
                    .isEqualTo(other.equals(expected));
            seen.add(expected);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /a/42;v=1/b                                    | /a/{id}/b
            /a;v=1?q/b                                     | /a
            /a;v=1#f/b                                     | /a
            /a/;v=1/b                                      | /a/b
            /a/b;c/d                                       | /a/b/d
            /12345678-1234-1234-1234-123456789012          | /{id}
            /aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa          | /{id}
            /aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaag          | /aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaag
            /1234567890abcdef                              | /{id}
            /1234567890abcdeg                              | /1234567890abcdeg
            /123456789012345678.x                          | /123456789012345678.x
            /1_000/1--2/2026-01-15T10:00                   | /{id}/1--2/2026-01-15T10:00
            /café/caféca1234567890123456                   | /café/caféca1234567890123456
            """)
    void edgesOfTheRules(String path, String template) {
        assertThat(RouteResolver.normalizePath(path)).isEqualTo(template);
        assertThat(plainTemplate(path)).as("the plain rules agree").isEqualTo(template);
    }

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource({
        "/a/42, /a/{id}, true",
        "/a/{id}, /a/{id}, true",
        "/a/abcd, /a/{id}, false",
        "/a/42, /a/abcd, false",
        "/x/y, /x_y, false",
        "/abc, /a/c, false",
        "/a//b, /a/b, true",
        "/a;v=1/b, /a/b, true",
        "/a/b, /a/b/, false",
    })
    void matchesOnlyTheExactTemplate(String path, String template, boolean matches) {
        int[] pieces = PathTemplates.buffer();
        PathTemplates.scan(path, 0, pieces);

        assertThat(PathTemplates.matches(path, pieces, template)).isEqualTo(matches);
    }

    /** The template by the rules of the class comment, one step at a time. */
    private static String plainTemplate(String path) {
        String pathOnly = path.split("[?#]", -1)[0];
        StringBuilder template = new StringBuilder();
        for (String segment : pathOnly.split("/")) {
            String content = segment.split(";", -1)[0];
            if (content.isEmpty()) {
                continue;
            }
            boolean id = NUMBER.matcher(content).matches() || UUID_TEXT.matcher(content).matches()
                    || HEX.matcher(content).matches() || TOKEN.matcher(content).matches();
            template.append('/').append(id ? "{id}" : content);
        }
        return template.isEmpty() ? "/" : template.toString();
    }
}
