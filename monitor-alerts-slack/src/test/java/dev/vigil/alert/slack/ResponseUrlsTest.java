package dev.vigil.alert.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only response URLs below an allowed prefix are ever posted to, however a payload dresses another one up. */
class ResponseUrlsTest {

    private final ResponseUrls slack = new ResponseUrls(List.of("hooks.slack.com"));

    @Test
    void slacksOwnResponseUrlsPass() {
        assertThat(slack.allowed("https://hooks.slack.com/actions/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN"))
                .hasValueSatisfying(uri -> assertThat(uri.getHost()).isEqualTo("hooks.slack.com"));
        assertThat(slack.allowed("https://HOOKS.slack.com:443/actions/T1/1/x")).isPresent();
    }

    @Test
    void lookalikesAndOtherPlacesAreRefused() {
        for (String url : List.of("https://hooks.slack.com.evil.example/actions/x", "https://hooks.slack.com@evil.example/x",
                "https://evil.example/?https://hooks.slack.com/", "http://hooks.slack.com/actions/x",
                "https://hooks.slack.com:8443/actions/x", "https://hooks.slack.com/actions/x?redirect=1",
                "https://hooks.slack.com/actions/x#f", "ftp://hooks.slack.com/x", "//hooks.slack.com/x", "", "not a url",
                "https://user:pw@hooks.slack.com/actions/x", "https://hooks.slack.com/../x")) {
            assertThat(slack.allowed(url)).as(url).isEmpty();
        }
    }

    @Test
    void aTestPrefixAllowsOnlyItsOwnHostPortAndPath() {
        ResponseUrls local = new ResponseUrls(List.of("http://127.0.0.1:8089/actions/"));

        assertThat(local.allowed("http://127.0.0.1:8089/actions/T1/1/x")).isPresent();
        assertThat(local.allowed("http://127.0.0.1:8089/admin")).isEmpty();
        assertThat(local.allowed("http://127.0.0.1:8090/actions/x")).isEmpty();
        assertThat(local.allowed("http://localhost:8089/actions/x")).isEmpty();
        assertThat(local.allowed("https://hooks.slack.com/actions/x")).isEmpty();
    }

    @Test
    void aBrokenPrefixNamesTheProperty() {
        assertThatThrownBy(() -> new ResponseUrls(List.of("ftp://x/"))).hasMessageContaining("response-url-hosts");
        assertThatThrownBy(() -> new ResponseUrls(List.of())).hasMessageContaining("response-url-hosts");
    }
}
