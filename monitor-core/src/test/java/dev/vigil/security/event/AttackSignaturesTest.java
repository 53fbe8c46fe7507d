package dev.vigil.security.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttackSignaturesTest {

    @ParameterizedTest(name = "{0} ? {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /login              | user=admin' or 1=1--                          | SQL_INJECTION_ATTEMPT
            /login              | user=admin%27%20OR%201%3D1--                  | SQL_INJECTION_ATTEMPT
            /login              | user=x'+or+'a'%3D'a                           | SQL_INJECTION_ATTEMPT
            /items              | id=1 UNION SELECT password FROM users         | SQL_INJECTION_ATTEMPT
            /items              | id=1%20union%20all%20select%20null            | SQL_INJECTION_ATTEMPT
            /items              | id=1/**/UNION/**/SELECT/**/1                  | SQL_INJECTION_ATTEMPT
            /items              | id=5;--                                       | SQL_INJECTION_ATTEMPT
            /items              | id=5%3B%20DROP%20TABLE%20users                | SQL_INJECTION_ATTEMPT
            /items              | id=1 or 1=1                                   | SQL_INJECTION_ATTEMPT
            /items              | name=admin'--                                 | SQL_INJECTION_ATTEMPT
            /items              | id=1%20AND%20SLEEP(5)                         | SQL_INJECTION_ATTEMPT
            /search             | q=<script>alert(1)</script>                   | XSS_ATTEMPT
            /search             | q=%3CScRiPt%3Ealert(1)%3C%2Fscript%3E         | XSS_ATTEMPT
            /search             | q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E    | XSS_ATTEMPT
            /go                 | url=javascript:alert(document.domain)         | XSS_ATTEMPT
            /go                 | url=JaVaScRiPt%3Avoid(0)                      | XSS_ATTEMPT
            /search             | q=%3Csvg%20onload%3Dalert(1)%3E               | XSS_ATTEMPT
            /search             | q=<iframe src=x>                              | XSS_ATTEMPT
            /files/..%2F..%2Fetc%2Fpasswd |                                     | PATH_TRAVERSAL_ATTEMPT
            /files/../../etc/passwd       |                                     | PATH_TRAVERSAL_ATTEMPT
            /download           | file=..%5C..%5Cwindows%5Cwin.ini              | PATH_TRAVERSAL_ATTEMPT
            /download           | file=../../etc/passwd                         | PATH_TRAVERSAL_ATTEMPT
            /users/1'%20or%20'1'%3D'1     |                                     | SQL_INJECTION_ATTEMPT
            """)
    void attacksAreFlagged(String path, String query, SecurityEventType expected) {
        Optional<AttackSignatures.Match> match = AttackSignatures.scan(path, query);

        assertThat(match).as(path + "?" + query).isPresent();
        assertThat(match.get().type()).isEqualTo(expected);
        assertThat(match.get().signature()).isNotBlank().hasSizeLessThanOrEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "name=O'Brien",
        "name=O%27Brien&city=Dun%20Laoghaire",
        "lastName=D%27Arcy+or+Smith",
        "q=2<3",
        "q=a%3Cb%20and%20c%3Ed",
        "q=50%25+off",
        "q=rock+%27n%27+roll",
        "q=caf%C3%A9+cr%C3%A8me",
        "email=a%2Bb%40example.com",
        "sort=name;asc",
        "note=pages+1--2",
        "title=Tom+%26+Jerry+(1940)",
        "version=1.2.3&range=1..5",
        "redirect=https%3A%2F%2Fexample.com%2Fa%2Fb",
        "q=the+union+of+two+sets",
        "q=select+a+color",
        "q=error+on+load",
        "file=report..final.pdf",
        "q=it%27s+or+isn%27t",
        "malformed=%E0%A4%A&x=%zz",
    })
    void benignQueriesAreNotFlagged(String query) {
        assertThat(AttackSignatures.scan("/search", query)).as(query).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/users/123", "/media-upload", "/v1.2/files/report.final.pdf", "/a/b.c/d",
        "/people/o'brien", "/%E2%82%AC/price"})
    void benignPathsAreNotFlagged(String path) {
        assertThat(AttackSignatures.scan(path, null)).as(path).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/users/123", "page=2&size=50", "id=abc-def_1.2", "from=2026-01-01T10:00:00Z"})
    void cleanTextIsNotEvenDecoded(String text) {
        assertThat(AttackSignatures.suspicious(text)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a'b", "a%27", "x<y", "a;b", "f(x)", "a+b", "a/../b", "a\\b", "\"q\""})
    void suspiciousCharactersAreLookedAt(String text) {
        assertThat(AttackSignatures.suspicious(text)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void decodingIsDoneOnceOnly() {
        assertThat(AttackSignatures.decode("%253Cscript%253E", true)).isEqualTo("%3Cscript%3E");
        assertThat(AttackSignatures.decode("a+b%20c", true)).isEqualTo("a b c");
        assertThat(AttackSignatures.decode("a+b", false)).isEqualTo("a+b");
        assertThat(AttackSignatures.decode("caf%C3%A9 😀", false)).isEqualTo("café 😀");
    }
}
