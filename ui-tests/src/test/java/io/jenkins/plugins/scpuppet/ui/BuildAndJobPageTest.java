package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The build page's card (summary.js) and the job page's trend (trend.js) in headless chromium, on pages shaped like
 * what summary.jelly and floatingBox.jelly emit, fed from reports recorded from real sandbox runs: the demo twice
 * with one cache (all executed, then cached) and the demo with one refused provisioning. Every page is served under
 * ReportServer's strict Content-Security-Policy, and no violation may be reported.
 */
class BuildAndJobPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path work;
    private static ReportServer server;
    private static ChromeDriver driver;
    private static List<JsonNode> reports;
    private static List<JsonNode> withReasons;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "chromium and chromedriver are not installed");
        work = Files.createTempDirectory("build-and-job-page");
        List<Path> twice = ReportFixtures.demoTwice(Files.createDirectories(work.resolve("twice")));
        Path failed = ReportFixtures.demoWithFailure(Files.createDirectories(work.resolve("failed")));
        reports = List.of(read(twice.get(0)), read(failed), read(twice.get(1)));
        withReasons = List.of(
                read(ReportFixtures.withMissReasons(twice.get(0))), read(ReportFixtures.withMissReasons(failed)));
        Path echarts = work.resolve("echarts.min.js");
        try (InputStream in = BuildAndJobPageTest.class.getResourceAsStream(
                "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            Files.copy(in, echarts);
        }
        Path trend =
                Files.writeString(work.resolve("trend.json"), trendJson(reports).toString());
        Path build = Files.writeString(work.resolve("build.html"), buildPage(List.of(reports.get(1), reports.get(2))));
        Path job = Files.writeString(work.resolve("job.html"), jobPage(true));
        Path buildWithReasons = Files.writeString(work.resolve("build-reasons.html"), buildPage(withReasons));
        Path buildBefore = Files.writeString(
                work.resolve("build-before.html"),
                buildPage(List.of(withoutMissReasons(reports.get(1)), withoutMissReasons(reports.get(2)))));
        Path jobWithoutECharts = Files.writeString(work.resolve("job-svg.html"), jobPage(false));
        server = new ReportServer(
                Map.of(),
                Map.of(
                        "build.html", build,
                        "job.html", job,
                        "build-reasons.html", buildWithReasons,
                        "build-before.html", buildBefore,
                        "job-svg.html", jobWithoutECharts,
                        "trend.json", trend,
                        "echarts.min.js", echarts));
        driver = Browser.start(work.resolve("profile"));
    }

    @AfterAll
    static void stop() {
        Browser.stop(driver, server);
    }

    private static JsonNode read(Path report) throws Exception {
        return JSON.readTree(report.toFile());
    }

    /** The report as a writer before issue #22 wrote it: no miss fields. */
    private static JsonNode withoutMissReasons(JsonNode report) {
        ObjectNode old = report.deepCopy();
        ((ObjectNode) old.path("totals")).remove("missReasons");
        old.path("tasks").forEach(t -> ((ObjectNode) t).remove(List.of("missReason", "missDetails")));
        return old;
    }

    /** What BuildSummary.toJson gives for a build with these puppetDeploy calls. */
    private static ObjectNode summary(List<JsonNode> calls) {
        ObjectNode s = JSON.createObjectNode();
        for (String k : List.of("executed", "cached", "failed", "skipped", "cacheable", "savedMillis")) {
            s.put(
                    k,
                    calls.stream()
                            .mapToLong(r -> r.path("totals").path(k).asLong())
                            .sum());
        }
        s.put(
                "wallMillis",
                calls.stream().mapToLong(r -> r.path("wallMillis").asLong()).sum());
        s.put(
                "cacheHitRate",
                s.path("cacheable").asDouble() == 0
                        ? 0
                        : s.path("cached").asDouble() / s.path("cacheable").asDouble());
        s.set("topReasons", topReasons(calls));
        ArrayNode sections = s.putArray("sections");
        for (int i = 0; i < calls.size(); i++) {
            JsonNode t = calls.get(i).path("totals");
            sections.addObject()
                    .put("section", i + 1)
                    .put("manifest", i == 0 ? "networking/manifest.yaml" : "manifest.yaml")
                    .put("executed", t.path("executed").asInt())
                    .put("cached", t.path("cached").asInt())
                    .put("failed", t.path("failed").asInt())
                    .put("skipped", t.path("skipped").asInt());
        }
        return s;
    }

    /** The schema's order of reasons, which breaks ties on the card. */
    private static final List<String> REASONS = List.of(
            "NO_TARGET",
            "CACHING_DISABLED",
            "PARAMETERS_CHANGED",
            "IMPLEMENTATION_CHANGED",
            "TARGET_INVALID",
            "PURGED",
            "FORCED");

    /** What TopReasons gives: totals.missReasons summed over the calls, most first, ties in schema order, 3 at most. */
    private static ArrayNode topReasons(List<JsonNode> calls) {
        Map<String, Long> sums = new java.util.TreeMap<>();
        calls.forEach(r -> r.path("totals")
                .path("missReasons")
                .fields()
                .forEachRemaining(e -> sums.merge(e.getKey(), e.getValue().asLong(), Long::sum)));
        ArrayNode top = JSON.createArrayNode();
        sums.entrySet().stream()
                .sorted(java.util.Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue())
                        .thenComparing(e -> REASONS.indexOf(e.getKey())))
                .limit(3)
                .forEach(e -> top.addObject().put("reason", e.getKey()).put("tasks", e.getValue()));
        return top;
    }

    /** What TrendModel.toJson gives for builds #1..#n, one report each. */
    private static ObjectNode trendJson(List<JsonNode> builds) {
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode points = doc.putArray("builds");
        for (int i = 0; i < builds.size(); i++) {
            ObjectNode p = summary(List.of(builds.get(i)));
            p.remove("sections");
            p.remove("topReasons");
            p.remove("cacheable");
            points.addObject()
                    .put("build", i + 1)
                    .put("url", "job/demo/" + (i + 1) + "/")
                    .setAll(p);
        }
        return doc;
    }

    private static String attribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static String buildPage(List<JsonNode> calls) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>demo #3</title>"
                + "<link rel=\"stylesheet\" href=\"report.css\"></head><body class=\"puppet-standalone\">"
                + "<h1>Build #3</h1><div>"
                + "<div class=\"puppet-card\" data-summary=\""
                + attribute(summary(calls).toString())
                + "\" data-report-url=\"/jenkins/job/demo/3/puppet/\"></div></div>"
                + "<script src=\"dom.js\"></script><script src=\"summary.js\"></script></body></html>";
    }

    private static String jobPage(boolean withECharts) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>demo</title>"
                + "<link rel=\"stylesheet\" href=\"report.css\"></head><body class=\"puppet-standalone\">"
                + "<h1>Job demo</h1>"
                + (withECharts ? "<script src=\"echarts.min.js\"></script>" : "")
                + "<div><div class=\"puppet-trend\" data-trend=\"trend.json\""
                + " data-root=\"/jenkins/\"></div></div>"
                + "<script src=\"dom.js\"></script><script src=\"trend.js\"></script></body></html>";
    }

    private static void open(String page, String selector) {
        driver.get("about:blank");
        Browser.consoleErrors(driver); // drains what earlier pages logged (the link test navigates to a 404)
        driver.get(server.url("pages", page));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.cssSelector(selector)).getAttribute("data-ready") != null);
        assertThat(driver.findElement(By.cssSelector(selector)).getAttribute("data-ready"))
                .isEqualTo("true");
    }

    @Test
    void shouldShowTheBuildCardWithTotalsOverEveryCallAndLinksToEachReport() throws Exception {
        open("build.html", ".puppet-card");

        ObjectNode expected = summary(List.of(reports.get(1), reports.get(2)));
        for (String k : List.of("executed", "cached", "failed", "skipped")) {
            assertThat(driver.findElement(By.cssSelector("[data-card=" + k + "] .n"))
                            .getText())
                    .as(k)
                    .isEqualTo(expected.path(k).asText());
        }
        assertThat(driver.findElement(By.cssSelector("[data-card='cache hit rate'] .n"))
                        .getText())
                .isEqualTo(Math.round(expected.path("cacheHitRate").asDouble() * 100) + "%");
        assertThat(driver.findElement(By.cssSelector("a.report-link")).getAttribute("href"))
                .endsWith("/jenkins/job/demo/3/puppet/");
        List<WebElement> calls = driver.findElements(By.cssSelector(".puppet-card ol li a"));
        assertThat(calls)
                .extracting(a -> a.getAttribute("href"))
                .containsExactly(
                        server.url("pages", "").replaceAll("/pages/$", "") + "/jenkins/job/demo/3/puppet/?section=1",
                        server.url("pages", "").replaceAll("/pages/$", "") + "/jenkins/job/demo/3/puppet/?section=2");
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.cspViolations(driver)).isEmpty();
        Browser.screenshot(driver, "build-page-card.png");
    }

    @Test
    void shouldDrawTheTrendWithEChartsOneBarPerBuildExecutedAndCached() throws Exception {
        open("job.html", ".puppet-trend");

        WebElement trend = driver.findElement(By.cssSelector(".puppet-trend"));
        assertThat(trend.getAttribute("data-renderer")).isEqualTo("echarts");
        @SuppressWarnings("unchecked")
        List<List<Long>> series = (List<List<Long>>) ((JavascriptExecutor) driver)
                .executeScript("var o = echarts.getInstanceByDom(document.querySelector('.puppet-trend')).getOption();"
                        + "return [o.series[0].data, o.series[1].data];");
        assertThat(series.get(0))
                .containsExactlyElementsOf(reports.stream()
                        .map(r -> r.path("totals").path("executed").asLong())
                        .toList());
        assertThat(series.get(1))
                .containsExactlyElementsOf(reports.stream()
                        .map(r -> r.path("totals").path("cached").asLong())
                        .toList());
        assertThat(series.get(1).get(0)).isZero(); // build #1 executed everything
        assertThat(series.get(1).get(2)).isPositive(); // build #3 took every cacheable task from the cache
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.cspViolations(driver)).isEmpty();
        Browser.screenshot(driver, "job-trend.png");
    }

    @Test
    void shouldFallBackToItsOwnSvgChartWithoutEChartsAndLinkEachBarToItsReport() throws Exception {
        open("job-svg.html", ".puppet-trend");

        assertThat(driver.findElement(By.cssSelector(".puppet-trend")).getAttribute("data-renderer"))
                .isEqualTo("svg");
        List<WebElement> bars = driver.findElements(By.cssSelector(".puppet-trend g[data-build]"));
        assertThat(bars).extracting(b -> b.getAttribute("data-build")).containsExactly("1", "2", "3");
        assertThat(bars.get(2).findElement(By.tagName("title")).getAttribute("textContent"))
                .isEqualTo(
                        "#3: " + reports.get(2).path("totals").path("executed").asText() + " executed, "
                                + reports.get(2).path("totals").path("cached").asText() + " cached");
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.cspViolations(driver)).isEmpty();
        bars.get(1).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("/jenkins/"));
        assertThat(driver.getCurrentUrl()).endsWith("/jenkins/job/demo/2/puppet/");
    }

    @Test
    void shouldShowTheTopThreeMissReasonsWithTheirCountsOnTheBuildCard() throws Exception {
        open("build-reasons.html", ".puppet-card");

        List<WebElement> reasons = driver.findElements(By.cssSelector(".puppet-card .reasons li"));
        ArrayNode expected = topReasons(withReasons);
        assertThat(expected).hasSize(3);
        assertThat(expected.get(0).path("reason").asText()).isEqualTo("NO_TARGET");
        assertThat(reasons)
                .extracting(li -> li.getAttribute("data-reason"))
                .containsExactly(
                        expected.get(0).path("reason").asText(),
                        expected.get(1).path("reason").asText(),
                        expected.get(2).path("reason").asText());
        assertThat(reasons.get(0).getText())
                .isEqualTo("no target: " + expected.get(0).path("tasks").asText());
        assertThat(reasons.get(1).getText()).isEqualTo("parameters changed: 2");
        assertThat(reasons.get(2).getText()).isEqualTo("implementation changed: 2"); // ties in the schema's order
        assertThat(driver.findElement(By.cssSelector(".puppet-card .reasons")).getText())
                .startsWith("Why tasks ran:");
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.cspViolations(driver)).isEmpty();
        Browser.screenshot(driver, "build-page-card-reasons.png");

        open("build-before.html", ".puppet-card"); // builds recorded before miss reasons keep the card as it was
        assertThat(driver.findElements(By.cssSelector(".puppet-card .reasons"))).isEmpty();
    }
}
