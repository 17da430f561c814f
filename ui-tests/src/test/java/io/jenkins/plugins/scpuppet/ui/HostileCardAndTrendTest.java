package io.jenkins.plugins.scpuppet.ui;

import static io.jenkins.plugins.scpuppet.ui.HostileFixtures.IMG;
import static io.jenkins.plugins.scpuppet.ui.HostileFixtures.SCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The build card (summary.js) and the job trend (trend.js, ECharts and its SVG fallback) fed hostile JSON, each
 * under the strict policy and with none: markup shows as text, nothing is made from it, nothing runs, and no link
 * leaves Jenkins.
 */
class HostileCardAndTrendTest {
    private static ReportServer server;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "chromium and chromedriver are not installed");
        Path work = Files.createTempDirectory("hostile-card-trend");
        Path echarts = work.resolve("echarts.min.js");
        try (InputStream in = HostileCardAndTrendTest.class.getResourceAsStream(
                "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            Files.copy(in, echarts);
        }
        server = new ReportServer(
                Map.of(),
                Map.of(
                        "card.html", Files.writeString(work.resolve("card.html"), HostileFixtures.cardPage()),
                        "trend-svg.html",
                                Files.writeString(work.resolve("trend-svg.html"), HostileFixtures.trendPage(false)),
                        "trend-echarts.html",
                                Files.writeString(work.resolve("trend-echarts.html"), HostileFixtures.trendPage(true)),
                        "hostile-trend.json",
                                Files.writeString(
                                        work.resolve("hostile-trend.json"),
                                        HostileFixtures.trend().toString()),
                        "echarts.min.js", echarts));
        driver = Browser.start(work.resolve("profile"));
    }

    @AfterAll
    static void stop() {
        Browser.stop(driver, server);
    }

    private static void open(String page, boolean csp, String ready) {
        driver.get("about:blank");
        Browser.consoleErrors(driver);
        driver.get(server.url("pages", page) + (csp ? "" : "?csp=off"));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector(ready)).stream()
                        .allMatch(e -> e.getAttribute("data-ready") != null));
        assertThat(driver.findElements(By.cssSelector(ready)))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getAttribute("data-ready")).isEqualTo("true"));
    }

    private static String text(String css) {
        return driver.findElement(By.cssSelector(css)).getAttribute("textContent");
    }

    private static void assertNothingRan(String... scripts) {
        HostileFixtures.assertInert(driver, server, scripts);
    }

    @ParameterizedTest(name = "csp={0}")
    @ValueSource(booleans = {true, false})
    void shouldShowTheCardsHostileNamesAndNumbersAsTextAndLinkNowhereUnsafe(boolean csp) {
        open("card.html", csp, ".puppet-card");

        assertThat(text("#hostile [data-card=executed] .n")).isEqualTo(IMG);
        assertThat(text("#hostile [data-card=cached] .n")).isEqualTo("7");
        assertThat(text("#hostile [data-card=failed] .n")).isEqualTo(SCRIPT);
        assertThat(text("#hostile [data-card='cache hit rate'] .n")).isEqualTo(IMG);
        assertThat(text("#hostile [data-card='time saved'] .n")).isEqualTo(SCRIPT);
        assertThat(text("#hostile [data-card='wall time'] .n")).isEqualTo(IMG);
        List<WebElement> calls = driver.findElements(By.cssSelector("#hostile ol li"));
        assertThat(calls)
                .extracting(li -> li.getAttribute("textContent"))
                .containsExactly(
                        IMG + ": " + IMG + " executed, 2 cached, " + SCRIPT + " failed, 0 skipped",
                        SCRIPT + ": 1 executed, 0 cached, 0 failed, 0 skipped");
        assertThat(calls.get(0).findElement(By.tagName("a")).getAttribute("href"))
                .endsWith("/jenkins/job/demo/3/puppet/?section=1");
        assertThat(calls.get(1).findElements(By.tagName("a"))).isEmpty(); // its section is not a number
        List<WebElement> reasons = driver.findElements(By.cssSelector("#hostile .reasons li"));
        assertThat(reasons)
                .extracting(li -> li.getAttribute("textContent"))
                .containsExactly(IMG + ": " + SCRIPT, "__proto__: 2", "no target: 1", ": ");
        assertThat(reasons)
                .extracting(li -> li.getAttribute("data-reason"))
                .containsExactly(IMG, "__proto__", "NO_TARGET", "");
        // A javascript: report URL makes no link at all.
        assertThat(driver.findElement(By.cssSelector("#bad-url a.report-link")).getAttribute("href"))
                .isNull();
        assertThat(driver.findElements(By.cssSelector("#bad-url ol a"))).isEmpty();
        driver.findElement(By.cssSelector("#bad-url a.report-link")).click();
        assertNothingRan("dom.js", "summary.js");
    }

    @ParameterizedTest(name = "csp={0}")
    @ValueSource(booleans = {true, false})
    void shouldDrawTheSvgTrendWithHostileNamesAsTextAndLinksOnlyUnderJenkinsRoot(boolean csp) {
        open("trend-svg.html", csp, ".puppet-trend");

        List<WebElement> bars = driver.findElements(By.cssSelector(".puppet-trend g.bar"));
        assertThat(bars)
                .extracting(b -> b.findElement(By.tagName("text")).getAttribute("textContent"))
                .containsExactly(IMG, SCRIPT, "#3");
        assertThat(bars.get(0).findElement(By.tagName("title")).getAttribute("textContent"))
                .isEqualTo(IMG + ": " + IMG + " executed, 2 cached");
        assertThat(bars).extracting(b -> b.getAttribute("data-build")).containsExactly("1", null, "3");
        String origin = server.url("pages", "").replaceAll("/pages/$", "");
        assertThat(bars.get(0).getAttribute("data-href")).isEqualTo(origin + "/job/demo/1/puppet/");
        assertThat(bars.get(1).getAttribute("data-href")).isNull(); // "/" + "/evil.example/" would leave the origin
        // Under the root a javascript: "URL" is only a path on this server, never a script.
        assertThat(bars.get(2).getAttribute("data-href")).startsWith(origin + "/javascript:");
        assertThat(bars.get(0).findElements(By.tagName("rect")))
                .extracting(r -> r.getAttribute("height"))
                .first()
                .isEqualTo("0"); // executed is not a number: drawn as 0
        bars.get(1).click(); // links nowhere
        assertNothingRan("dom.js", "trend.js");
    }

    @ParameterizedTest(name = "csp={0}")
    @ValueSource(booleans = {true, false})
    void shouldDrawTheEChartsTrendWithHostileNamesAsCanvasTextAndATooltipWithoutHtml(boolean csp) {
        open("trend-echarts.html", csp, ".puppet-trend");

        WebElement trend = driver.findElement(By.cssSelector(".puppet-trend"));
        assertThat(trend.getAttribute("data-renderer")).isEqualTo("echarts");
        @SuppressWarnings("unchecked")
        List<List<Object>> option = (List<List<Object>>) driver.executeScript(
                "var o = echarts.getInstanceByDom(document.querySelector('.puppet-trend')).getOption();"
                        + "return [o.xAxis[0].data, o.series[0].data, o.series[1].data];");
        assertThat(option.get(0)).containsExactly(IMG, SCRIPT, "#3");
        assertThat(option.get(1)).containsExactly(0L, 3L, 1L);
        assertThat(option.get(2)).containsExactly(2L, 0L, 1L);
        // Hover over the bars so ECharts shows its axis tooltip: drawn on the canvas, so no element and no style.
        int before = trend.findElements(By.cssSelector("*")).size();
        new Actions(driver).moveToElement(trend, 0, 40).perform();
        new Actions(driver).moveToElement(trend, -150, 40).perform();
        assertThat(trend.findElements(By.cssSelector("*"))).hasSize(before);
        assertNothingRan("echarts.min.js", "dom.js", "trend.js");
    }
}
