package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report page in headless Debian chromium (Selenium, ChromeDriver from the chromium-driver package), against a
 * local server holding reports recorded from real runs (with miss reasons added by hand until the engine writes them,
 * see ReportFixtures.withMissReasons), under ReportServer's strict Content-Security-Policy.
 * Screenshots go to target/screenshots, and to docs/screenshots with -Dscreenshots.update=true.
 */
class ReportPageTest {
    private static Path work;
    private static ReportServer server;
    private static ChromeDriver driver;
    private static JsonNode demo;
    private static JsonNode large;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "chromium and chromedriver are not installed");
        work = Files.createTempDirectory("report-page");
        Path demoReport = ReportFixtures.withMissReasons(
                ReportFixtures.demoWithFailure(Files.createDirectories(work.resolve("demo"))));
        Path largeReport =
                ReportFixtures.withMissReasons(ReportFixtures.large(Files.createDirectories(work.resolve("large"))));
        demo = new ObjectMapper().readTree(demoReport.toFile());
        large = new ObjectMapper().readTree(largeReport.toFile());
        server = new ReportServer(Map.of("demo", demoReport, "large", largeReport));
        driver = Browser.start(work.resolve("profile"));
    }

    @AfterAll
    static void stop() {
        Browser.stop(driver, server);
    }

    /** Every test ends on the report page: nothing it did may have broken the policy. */
    @AfterEach
    void shouldHaveCausedNoPolicyViolation() {
        assertThat(Browser.cspViolations(driver)).isEmpty();
    }

    private static void open(String fixture, String hash) {
        driver.get("about:blank"); // a new document each time, even when only the hash differs
        driver.get(server.url(fixture) + hash);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.tagName("body")).getAttribute("data-ready") != null);
        assertThat(driver.findElement(By.tagName("body")).getAttribute("data-ready"))
                .isEqualTo("true");
    }

    private static String shown() {
        return driver.findElement(By.id("shown")).getText();
    }

    private static int count(JsonNode report, String status) {
        int n = 0;
        for (JsonNode t : report.path("tasks")) {
            n += t.path("status").asText().equals(status) ? 1 : 0;
        }
        return n;
    }

    private static void screenshot(String name) throws Exception {
        Browser.screenshot(driver, name);
    }

    @Test
    void shouldShowTheCountsOfTheJsonAndEveryRow() throws Exception {
        open("demo", "");

        JsonNode totals = demo.path("totals");
        assertThat(driver.findElement(By.cssSelector("[data-card=executed] .n")).getText())
                .isEqualTo(totals.path("executed").asText());
        assertThat(driver.findElement(By.cssSelector("[data-card=failed] .n")).getText())
                .isEqualTo("1");
        assertThat(driver.findElement(By.cssSelector("[data-card=skipped] .n")).getText())
                .isEqualTo(totals.path("skipped").asText());
        assertThat(shown())
                .isEqualTo(
                        demo.path("tasks").size() + " of " + demo.path("tasks").size() + " tasks");
        // Rows are virtualized: the viewport (560 px of 28 px rows) plus an overscan is in the DOM, never all of them.
        assertThat(driver.findElements(By.cssSelector("#rows .row")).size())
                .isEqualTo(Math.min(demo.path("tasks").size(), 20 + 12));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('viewport').scrollTop = 1e6;");
        String lastId =
                demo.path("tasks").get(demo.path("tasks").size() - 1).path("id").asText();
        // The scroll re-renders the rows on the next frame: a row read as it is replaced is stale, so ask again.
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#rows .row")).stream()
                        .anyMatch(r -> lastId.equals(r.getAttribute("data-id"))));
        assertThat(driver.findElements(By.cssSelector("#rows .status.status-failed")))
                .singleElement()
                .satisfies(e -> assertThat(e.getText()).isEqualTo("\u2716 failed"));
        screenshot("report-page.png");
    }

    @Test
    void shouldFilterSortAndKeepTheStateInALinkableUrl() {
        open("demo", "");
        driver.findElement(By.cssSelector("#status-filter input[value=EXECUTED]"))
                .click();
        driver.findElement(By.cssSelector("#status-filter input[value=CACHED]")).click();
        assertThat(shown()).startsWith((count(demo, "FAILED") + count(demo, "SKIPPED")) + " of ");

        driver.findElement(By.cssSelector("#status-filter input[value=EXECUTED]"))
                .click();
        new Select(driver.findElement(By.id("account-filter"))).selectByValue("222222222222");
        driver.findElement(By.cssSelector("button[data-sort=duration]")).click();
        driver.findElement(By.cssSelector("button[data-sort=duration]")).click();
        String url = driver.getCurrentUrl();

        List<WebElement> durations = driver.findElements(By.cssSelector("#rows .row span:nth-child(7)"));
        List<Integer> ms = durations.stream()
                .map(e -> Integer.parseInt(e.getText().replace(" ms", "")))
                .toList();
        assertThat(ms).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(driver.findElements(By.cssSelector("#rows .row span:nth-child(3)")))
                .allSatisfy(e -> assertThat(e.getText()).isEqualTo("222222222222"));
        assertThat(url)
                .contains("status=EXECUTED,FAILED,SKIPPED")
                .contains("account=222222222222")
                .contains("sort=duration")
                .contains("dir=desc");

        String filtered = shown();
        open("demo", url.substring(url.indexOf('#')));
        assertThat(shown()).isEqualTo(filtered);
        assertThat(driver.findElement(By.cssSelector("#status-filter input[value=CACHED]"))
                        .isSelected())
                .isFalse();
    }

    @Test
    void shouldShowWhatAFailedTaskNeededAndWhatItBlocked() throws Exception {
        open("demo", "#status=FAILED");
        driver.findElement(By.cssSelector("#rows .row")).click();

        WebElement detail = driver.findElement(By.id("detail"));
        assertThat(detail.isDisplayed()).isTrue();
        assertThat(detail.getText())
                .contains("InvalidParametersException: Provisioning artifact for flow-logs is not valid");
        assertThat(driver.findElement(By.id("blocked")).getText())
                .contains("Blocked when it failed (1)")
                .contains("LaunchTask(launch_name=flow-logs)");
        assertThat(driver.findElement(By.id("needed")).getText()).contains("GetVersionDetailsByNames(");
        assertThat(driver.getCurrentUrl()).contains("task=ProvisionProductTask");
        screenshot("failed-task.png");
    }

    @Test
    void shouldRender20000RowsVirtualizedWithoutConsoleErrors() throws Exception {
        open("large", "");
        Object millis = ((JavascriptExecutor) driver).executeScript("return window.puppetReport.renderMillis;");
        int tasks = large.path("tasks").size();
        System.out.println("REPORT PAGE: " + tasks + " tasks loaded and first rendered in "
                + Math.round(((Number) millis).doubleValue()) + " ms (headless chromium)");

        assertThat(tasks).isGreaterThanOrEqualTo(19_000);
        assertThat(shown()).isEqualTo(tasks + " of " + tasks + " tasks");
        assertThat(driver.findElements(By.cssSelector("#rows .row")).size()).isBetween(10, 80);
        ((JavascriptExecutor) driver).executeScript("document.getElementById('viewport').scrollTop = 280000;");
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(d -> !d.findElements(By.cssSelector("#rows .row"))
                        .get(0)
                        .getAttribute("data-id")
                        .contains("launch-0)"));
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.cspViolations(driver)).isEmpty();
        screenshot("report-20000-tasks.png");
    }

    /** The task of the demo whose miss reason is {@code reason} (withMissReasons gives it to exactly one). */
    private static JsonNode taskWithReason(String reason) {
        for (JsonNode t : demo.path("tasks")) {
            if (t.path("missReason").asText().equals(reason)) {
                return t;
            }
        }
        throw new AssertionError("no task with " + reason);
    }

    private static List<String> cellsOf(WebElement tr) {
        return tr.findElements(By.tagName("td")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void shouldFilterByReasonThenOpenATaskAndSeeItsParameterDiff() throws Exception {
        open("demo", "");
        JsonNode changed = taskWithReason("PARAMETERS_CHANGED");
        String status = changed.path("status").asText();
        assertThat(new Select(driver.findElement(By.id("reason-filter"))).getOptions())
                .extracting(WebElement::getText)
                .containsExactly("all", "implementation changed", "no target", "parameters changed", "target invalid");

        new Select(driver.findElement(By.id("reason-filter"))).selectByValue("PARAMETERS_CHANGED");
        assertThat(shown()).isEqualTo("1 of " + demo.path("tasks").size() + " tasks");
        assertThat(driver.findElements(By.cssSelector("#rows .row span.reason")))
                .extracting(WebElement::getText)
                .containsExactly("parameters changed");
        // The reason composes with the other filters: without the task's status, nothing is left.
        driver.findElement(By.cssSelector("#status-filter input[value=" + status + "]"))
                .click();
        assertThat(shown()).startsWith("0 of ");
        driver.findElement(By.cssSelector("#status-filter input[value=" + status + "]"))
                .click();
        assertThat(driver.getCurrentUrl()).contains("reason=PARAMETERS_CHANGED");

        driver.findElement(By.cssSelector("#rows .row")).click();

        assertThat(driver.findElement(By.cssSelector("#why .reason")).getText()).isEqualTo("parameters changed");
        List<WebElement> diff = driver.findElements(By.cssSelector("#diff tbody tr"));
        assertThat(diff)
                .extracting(ReportPageTest::cellsOf)
                .containsExactly(
                        List.of("added", "(absent)", "yes"),
                        List.of("password", "masked", "masked"),
                        List.of("version", "v1", "v2"));
        assertThat(driver.findElements(By.cssSelector("#diff tr[data-parameter=password] .masked")))
                .hasSize(2);
        assertThat(driver.findElement(By.id("diff")).getText()).doesNotContain("***");
        String url = driver.getCurrentUrl();
        assertThat(url).contains("task=" + changed.path("family").asText());
        screenshot("report-miss-reason.png");

        open("demo", url.substring(url.indexOf('#'))); // the linked view: same filter, same task, same diff
        assertThat(shown()).isEqualTo("1 of " + demo.path("tasks").size() + " tasks");
        assertThat(new Select(driver.findElement(By.id("reason-filter")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("parameters changed");
        assertThat(driver.findElements(By.cssSelector("#diff tbody tr"))).hasSize(3);
    }

    @Test
    void shouldShowEachOtherReasonsDetailInItsTask() {
        JsonNode implementation = taskWithReason("IMPLEMENTATION_CHANGED");
        open("demo", "#reason=IMPLEMENTATION_CHANGED");
        driver.findElement(By.cssSelector("#rows .row")).click();
        assertThat(driver.findElement(By.cssSelector("#detail h2")).getText())
                .endsWith(implementation.path("id").asText());
        assertThat(driver.findElement(By.cssSelector("#why .implementation")).getText())
                .isEqualTo("Implementation 3 \u2192 4");
        assertThat(driver.findElements(By.id("diff"))).isEmpty();

        open("demo", "#reason=TARGET_INVALID");
        driver.findElement(By.cssSelector("#rows .row")).click();
        assertThat(driver.findElement(By.cssSelector("#why .problem")).getText())
                .isEqualTo("not valid JSON (truncated or corrupt)");
        driver.findElement(By.cssSelector("button[data-sort=reason]")).click();
        assertThat(driver.getCurrentUrl()).contains("sort=reason");
    }
}
