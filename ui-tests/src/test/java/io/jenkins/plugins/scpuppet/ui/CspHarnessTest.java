package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser tests' policy and probe can fail: a page with an inline style, an inline script, an inline handler
 * and a style set as an attribute is served the same way as the plugin's pages, and each of them is reported and
 * blocked; without the policy (?csp=off) the same page runs its planted script, so the XSS probes can see one.
 */
class CspHarnessTest {
    private static final String CANARY = HostileFixtures.head("canary")
            + "<div id=\"styled\" style=\"color: rgb(255, 0, 0)\">styled</div>"
            + "<script>window.__pwned = 'inline';</script>"
            + "<img src=\"x\" onerror=\"window.__pwned = 'handler'\">"
            + "<script src=\"canary.js\"></script></body></html>";
    /** Sets a style attribute from a script file, which the policy blocks too (CSSOM properties it allows). */
    private static final String CANARY_JS = "document.getElementById('styled').setAttribute('style', 'color: red');"
            + "document.body.setAttribute('data-ready', 'true');";

    private static ReportServer server;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "chromium and chromedriver are not installed");
        Path work = Files.createTempDirectory("csp-canary");
        server = new ReportServer(
                Map.of(),
                Map.of(
                        "canary.html", Files.writeString(work.resolve("canary.html"), CANARY),
                        "canary.js", Files.writeString(work.resolve("canary.js"), CANARY_JS)));
        driver = Browser.start(work.resolve("profile"));
    }

    @AfterAll
    static void stop() {
        Browser.stop(driver, server);
    }

    private static void open(String query) {
        driver.get("about:blank");
        Browser.consoleErrors(driver);
        driver.get(server.url("pages", "canary.html") + query);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    @Test
    void shouldReportAndBlockEveryInlineStyleScriptAndHandlerUnderThePolicy() {
        open("");
        Object pwned = Browser.pwnedAfterImagesSettle(driver);
        List<String> violations = Browser.cspViolations(driver);

        assertThat(pwned).isNull();
        assertThat(violations).anyMatch(v -> v.startsWith("style-src-attr"));
        assertThat(violations).anyMatch(v -> v.startsWith("script-src-elem"));
        assertThat(violations).anyMatch(v -> v.startsWith("script-src-attr"));
        assertThat(violations.stream().filter(v -> v.startsWith("style-src-attr")))
                .hasSize(2); // the markup's attribute and the one canary.js set
        assertThat(driver.findElement(By.id("styled")).getCssValue("color")).isNotEqualTo("rgba(255, 0, 0, 1)");
        assertThat(Browser.consoleErrors(driver)).isNotEmpty(); // chromium logs each refusal too
    }

    @Test
    void shouldRunThePlantedScriptWithoutThePolicySoTheProbesCanSeeIt() {
        open("?csp=off");

        assertThat(Browser.pwnedAfterImagesSettle(driver)).isEqualTo("handler");
        assertThat(Browser.cspViolations(driver)).isEmpty();
        assertThat(server.requests()).anyMatch(p -> p.endsWith("/x"));
    }
}
