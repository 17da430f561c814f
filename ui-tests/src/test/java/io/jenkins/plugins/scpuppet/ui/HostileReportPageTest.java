package io.jenkins.plugins.scpuppet.ui;

import static io.jenkins.plugins.scpuppet.ui.HostileFixtures.ATTR;
import static io.jenkins.plugins.scpuppet.ui.HostileFixtures.IMG;
import static io.jenkins.plugins.scpuppet.ui.HostileFixtures.SCRIPT;
import static io.jenkins.plugins.scpuppet.ui.HostileFixtures.SENTINEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report page fed a report whose family, item, status, error, duration, attempts and more hold markup. Each
 * case runs twice: under the strict policy (no violation may be reported) and with no policy at all (the page's own
 * code is all that stands between the data and the DOM). The text must appear literally, no element may be made
 * from it, and no planted handler may run after loading, opening details, filtering, sorting and a crafted link.
 */
class HostileReportPageTest {
    private static ReportServer server;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "chromium and chromedriver are not installed");
        Path work = Files.createTempDirectory("hostile-report");
        Path report = Files.writeString(
                work.resolve("run-report.json"), HostileFixtures.report().toString());
        server = new ReportServer(Map.of("hostile", report));
        driver = Browser.start(work.resolve("profile"));
    }

    @AfterAll
    static void stop() {
        Browser.stop(driver, server);
    }

    private static void open(boolean csp, String hash) {
        driver.get("about:blank");
        Browser.consoleErrors(driver);
        driver.get(server.url("hostile") + (csp ? "" : "?csp=off") + hash);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.tagName("body")).getAttribute("data-ready") != null);
        assertThat(driver.findElement(By.tagName("body")).getAttribute("data-ready"))
                .isEqualTo("true");
    }

    private static WebElement row(String id) {
        return driver.findElements(By.cssSelector("#rows .row")).stream()
                .filter(r -> id.equals(r.getAttribute("data-id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + id));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("span[role=cell]")).stream()
                .map(c -> c.getAttribute("textContent"))
                .toList();
    }

    private static String text(String css) {
        return driver.findElement(By.cssSelector(css)).getAttribute("textContent");
    }

    private static void assertNothingRan() {
        HostileFixtures.assertInert(driver, server, "dom.js", "report.js");
    }

    @ParameterizedTest(name = "csp={0}")
    @ValueSource(booleans = {true, false})
    void shouldShowEveryHostileValueAsTextInTheTableAndTheCards(boolean csp) {
        open(csp, "");
        assertThat(Browser.pwnedAfterImagesSettle(driver))
                .as("a planted handler ran")
                .isNull();

        assertThat(cells(row(IMG)))
                .containsExactly(IMG, IMG, ATTR, SCRIPT, "? " + IMG, IMG, IMG, IMG, IMG + ": " + SCRIPT);
        assertThat(row(IMG).findElement(By.cssSelector(".status")).getAttribute("class"))
                .isEqualTo("status status-other");
        assertThat(row(IMG).findElement(By.cssSelector(".error")).getAttribute("title"))
                .isEqualTo(IMG + ": " + SCRIPT);
        // A status named like an Object method gets the neutral class too; numbers of the wrong type show as text.
        assertThat(cells(row(ATTR)))
                .containsExactly(
                        SCRIPT,
                        SCRIPT,
                        "111111111111",
                        "eu-west-1",
                        "? toString",
                        "__proto__",
                        "12",
                        "{\"n\":\"" + IMG + "\"}",
                        "");
        assertThat(row(ATTR).findElement(By.cssSelector(".status")).getAttribute("class"))
                .isEqualTo("status status-other");
        assertThat(cells(row("ProvisionProductTask(launch_name=numbers)")))
                .containsExactly("ProvisionProductTask", "", "", "", "\u2714 executed", "no target", IMG, ATTR, "");
        assertThat(text("[data-card=executed] .n")).isEqualTo(IMG);
        assertThat(text("[data-card=cached] .n")).isEqualTo("3");
        assertThat(text("[data-card=failed] .n")).isEqualTo(SCRIPT);
        assertThat(text("[data-card='cache hit rate'] .n")).isEqualTo(IMG);
        assertThat(text("[data-card='time saved'] .n")).isEqualTo(SCRIPT);
        assertThat(text("[data-card='wall time'] .n")).isEqualTo(IMG);
        assertThat(text("[data-card=outcome] .n")).isEqualTo(IMG);
        assertThat(text("#cache-save-warning")).isEqualTo("Cache not saved: " + SCRIPT);
        assertThat(driver.findElements(By.cssSelector("#family-filter option")))
                .extracting(o -> o.getAttribute("value"))
                .contains(IMG, SCRIPT);
        assertNothingRan();
    }

    @ParameterizedTest(name = "csp={0}")
    @ValueSource(booleans = {true, false})
    void shouldShowHostileValuesAsTextInTheDetailsAndKeepThemInertThroughFiltersAndSorting(boolean csp) {
        open(csp, "");

        row(ATTR).click();
        assertThat(text("#detail h2")).isEqualTo("? " + ATTR);
        assertThat(text("#detail p")).isEqualTo("Skipped because " + IMG + " failed.");
        assertThat(text("#needed li")).isEqualTo(IMG);
        driver.findElement(By.cssSelector("#detail p a")).click(); // follows the link to the task it names
        assertThat(text("#detail h2")).isEqualTo("? " + IMG);
        assertThat(text("#detail p.error")).isEqualTo(IMG + ": " + SCRIPT);
        assertThat(text("#blocked li")).isEqualTo(ATTR);
        assertThat(driver.getCurrentUrl())
                .endsWith("#task=" + driver.executeScript("return encodeURIComponent(arguments[0]);", IMG));

        new Select(driver.findElement(By.id("family-filter"))).selectByValue(IMG);
        assertThat(text("#shown")).isEqualTo("1 of 4 tasks");
        new Select(driver.findElement(By.id("family-filter"))).selectByValue("");
        driver.findElement(By.cssSelector("#status-filter input[value=OTHER]")).click();
        assertThat(text("#shown")).isEqualTo("2 of 4 tasks");
        driver.findElement(By.cssSelector("#status-filter input[value=OTHER]")).click();
        driver.findElement(By.cssSelector("button[data-sort=status]")).click();
        driver.findElement(By.cssSelector("button[data-sort=error]")).click();
        driver.findElement(By.id("search")).sendKeys("onerror");
        assertThat(text("#shown")).isEqualTo("2 of 4 tasks");
        assertNothingRan();
    }

    @ParameterizedTest(name = "csp={0}")
    @ValueSource(booleans = {true, false})
    void shouldIgnoreMarkupAndUnknownKeysInALinkedHash(boolean csp) {
        String hash = "#task=" + enc(IMG) + "&family=" + enc(SCRIPT) + "&sort=" + enc(IMG) + "&dir=" + enc(ATTR)
                + "&status=" + enc(IMG + ",FAILED") + "&__proto__=" + enc(IMG) + "&statuses=" + enc(IMG);
        open(csp, hash);

        assertThat(text("#detail h2")).isEqualTo("? " + IMG); // the linked task is shown, by its id as text
        assertThat(text("#shown")).isEqualTo("0 of 4 tasks"); // family SCRIPT, status FAILED only: nothing left
        assertThat(driver.findElements(By.cssSelector("#head button[aria-sort]")))
                .isEmpty();
        assertNothingRan();
    }

    private static List<List<String>> diff() {
        return driver.findElements(By.cssSelector("#diff tbody tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream()
                        .map(td -> td.getAttribute("textContent"))
                        .toList())
                .toList();
    }

    /** Nowhere in the page: not in its text, an attribute, the URL or the live DOM. */
    private static void assertNoSentinel() {
        assertThat(driver.getPageSource()).doesNotContain(SENTINEL);
        assertThat((String)
                        driver.executeScript("return document.documentElement.outerHTML + document.body.innerText;"))
                .doesNotContain(SENTINEL);
        assertThat(driver.getCurrentUrl()).doesNotContain(SENTINEL);
    }

    @ParameterizedTest(name = "csp={0}")
    @ValueSource(booleans = {true, false})
    void shouldShowHostileReasonsAndDiffsAsTextAndNeverTheValuesTheAgentMasked(boolean csp) {
        open(csp, "");
        Select reason = new Select(driver.findElement(By.id("reason-filter")));
        assertThat(reason.getOptions())
                .extracting(o -> o.getAttribute("value"), o -> o.getAttribute("textContent"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("", "all"),
                        org.assertj.core.groups.Tuple.tuple(IMG, IMG),
                        org.assertj.core.groups.Tuple.tuple("__proto__", "__proto__"),
                        org.assertj.core.groups.Tuple.tuple("NO_TARGET", "no target"),
                        org.assertj.core.groups.Tuple.tuple("PARAMETERS_CHANGED", "parameters changed"));

        reason.selectByValue(IMG);
        assertThat(text("#shown")).isEqualTo("1 of 4 tasks");
        row(IMG).click();
        assertThat(text("#why .reason")).isEqualTo(IMG);
        assertThat(text("#why .problem")).isEqualTo(SCRIPT);
        assertThat(text("#why .implementation")).isEqualTo("Implementation " + ATTR + " \u2192 ");
        assertThat(diff()).containsExactly(List.of(IMG, SCRIPT, ATTR), List.of(ATTR, "(absent)", IMG));

        reason.selectByValue("PARAMETERS_CHANGED");
        assertThat(text("#shown")).isEqualTo("1 of 4 tasks");
        row("ProvisionProductTask(launch_name=plain)").click();
        assertThat(diff())
                .containsExactly(
                        List.of("password", "masked", "masked"),
                        List.of("token", "(not a string)", "(not a string)"),
                        List.of("version", "v1", "v2"));
        assertNoSentinel();

        reason.selectByValue("__proto__");
        assertThat(text("#shown")).isEqualTo("1 of 4 tasks");
        row(ATTR).click();
        assertThat(text("#why .reason")).isEqualTo("__proto__");
        assertThat(driver.findElements(By.id("diff"))).isEmpty();
        reason.selectByValue("NO_TARGET");
        row("ProvisionProductTask(launch_name=numbers)").click(); // details that are not an object: none shown
        assertThat(text("#why")).isEqualTo("Ran because: no target");
        driver.findElement(By.cssSelector("button[data-sort=reason]")).click();
        assertNothingRan();
    }

    @ParameterizedTest(name = "csp={0}")
    @ValueSource(booleans = {true, false})
    void shouldKeepMaskedValuesMaskedInALinkedViewWithAHostileReason(boolean csp) {
        open(csp, "#reason=" + enc(IMG) + "&task=" + enc("ProvisionProductTask(launch_name=plain)"));

        assertThat(text("#shown")).isEqualTo("1 of 4 tasks");
        assertThat(new Select(driver.findElement(By.id("reason-filter")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo(IMG);
        assertThat(diff()).hasSize(3).first().isEqualTo(List.of("password", "masked", "masked"));
        assertNoSentinel();
        assertNothingRan();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
