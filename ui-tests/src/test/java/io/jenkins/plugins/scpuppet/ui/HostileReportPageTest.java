package io.jenkins.plugins.scpuppet.ui;

import static io.jenkins.plugins.scpuppet.ui.HostileFixtures.ATTR;
import static io.jenkins.plugins.scpuppet.ui.HostileFixtures.IMG;
import static io.jenkins.plugins.scpuppet.ui.HostileFixtures.SCRIPT;
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

        assertThat(cells(row(IMG))).containsExactly(IMG, IMG, ATTR, SCRIPT, "? " + IMG, IMG, IMG, IMG + ": " + SCRIPT);
        assertThat(row(IMG).findElement(By.cssSelector(".status")).getAttribute("class"))
                .isEqualTo("status status-other");
        assertThat(row(IMG).findElement(By.cssSelector(".error")).getAttribute("title"))
                .isEqualTo(IMG + ": " + SCRIPT);
        // A status named like an Object method gets the neutral class too; numbers of the wrong type show as text.
        assertThat(cells(row(ATTR)))
                .containsExactly(
                        SCRIPT, SCRIPT, "111111111111", "eu-west-1", "? toString", "12", "{\"n\":\"" + IMG + "\"}", "");
        assertThat(row(ATTR).findElement(By.cssSelector(".status")).getAttribute("class"))
                .isEqualTo("status status-other");
        assertThat(cells(row("ProvisionProductTask(launch_name=numbers)")))
                .containsExactly("ProvisionProductTask", "", "", "", "\u2714 executed", IMG, ATTR, "");
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
