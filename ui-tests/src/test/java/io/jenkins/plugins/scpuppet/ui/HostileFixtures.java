package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a compromised agent could store: a run report, a build summary and a trend whose free text and numbers hold
 * markup. Raw JSON, not passed through the controller's validation, since the pages must be safe on their own.
 * Any markup that ran would set {@code window.__pwned}; an {@code <img src=x>} would also ask the server for
 * {@code x}.
 */
final class HostileFixtures {
    static final String IMG = "<img src=x onerror=window.__pwned=1>";
    static final String SCRIPT = "<script>window.__pwned=2</script>";
    /** Breaks out of a quoted attribute if it is ever concatenated into one. */
    static final String ATTR = "\"'><img src=x onerror=window.__pwned=3>";
    /**
     * Planted beside values the agent masked ({@code ***}) and in shapes the schema does not allow: the page must
     * never show it, in text or in an attribute.
     */
    static final String SENTINEL = "SENTINEL-s3cr3t-7f2a";

    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileFixtures() {}

    /**
     * Four tasks: one whose every field holds markup, one with a status named like an Object method and numbers
     * of the wrong type that is skipped because of the first, a plain failed one, and an executed one whose duration
     * and attempts hold markup. Miss reasons (issue #22): the first has a reason and a parameter diff of markup; the
     * second a reason named like an Object property; the plain one a masked diff with {@link #SENTINEL} planted
     * beside and inside its values; the last details that are not an object.
     */
    static ObjectNode report() {
        ObjectNode report = JSON.createObjectNode()
                .put("schema", "scpuppet-run-report/1")
                .put("outcome", IMG)
                .put("wallMillis", IMG)
                .put("cacheSaveWarning", SCRIPT);
        report.putObject("totals")
                .put("tasks", 3)
                .put("executed", IMG)
                .put("cached", "3")
                .put("failed", SCRIPT)
                .put("skipped", 1)
                .put("cacheable", IMG)
                .put("cacheHitRate", IMG)
                .put("savedMillis", SCRIPT);
        ArrayNode tasks = report.putArray("tasks");
        ObjectNode all = tasks.addObject()
                .put("id", IMG)
                .put("family", IMG)
                .put("status", IMG)
                .put("durationMillis", IMG)
                .put("attempts", IMG)
                .put("errorCode", IMG)
                .put("errorMessage", SCRIPT);
        all.putObject("parameters")
                .put("launch_name", IMG)
                .put("account_id", ATTR)
                .put("region", SCRIPT);
        all.putArray("requires").add(ATTR);
        all.put("missReason", IMG);
        ArrayNode markup = all.putObject("missDetails")
                .put("problem", SCRIPT)
                .put("oldImplementation", ATTR)
                .putArray("changes");
        markup.addObject().put("parameter", IMG).put("old", SCRIPT).put("new", ATTR);
        markup.addObject().put("parameter", ATTR).putNull("old").put("new", IMG);
        markup.add(IMG); // not an object: left out
        ObjectNode skipped = tasks.addObject()
                .put("id", ATTR)
                .put("family", SCRIPT)
                .put("status", "toString")
                .put("durationMillis", "12")
                .put("blockedBy", IMG);
        skipped.putObject("attempts").put("n", IMG);
        skipped.putObject("parameters")
                .put("portfolio", SCRIPT)
                .put("account_id", "111111111111")
                .put("region", "eu-west-1");
        skipped.putArray("requires").add(IMG);
        skipped.put("missReason", "__proto__");
        ObjectNode plain = tasks.addObject()
                .put("id", "ProvisionProductTask(launch_name=plain)")
                .put("family", "ProvisionProductTask")
                .put("status", "FAILED")
                .put("durationMillis", 5)
                .put("attempts", 1)
                .put("errorCode", "InvalidParametersException")
                .put("errorMessage", "not valid");
        plain.putObject("parameters")
                .put("launch_name", "plain")
                .put("account_id", "111111111111")
                .put("region", "eu-west-1");
        plain.putArray("requires");
        plain.put("missReason", "PARAMETERS_CHANGED");
        ObjectNode masked = plain.putObject("missDetails").put("secret", SENTINEL);
        ArrayNode changes = masked.putArray("changes");
        changes.addObject()
                .put("parameter", "password")
                .put("old", "***")
                .put("new", "***")
                .put("oldValue", SENTINEL)
                .put("raw", SENTINEL);
        ObjectNode token = changes.addObject().put("parameter", "token");
        token.putObject("old").put("masked", "***").put("value", SENTINEL);
        token.putArray("new").add(SENTINEL);
        changes.addObject().put("parameter", "version").put("old", "v1").put("new", "v2");
        // A known status with markup for numbers: the old page put exactly these into innerHTML unescaped.
        tasks.addObject()
                .put("id", "ProvisionProductTask(launch_name=numbers)")
                .put("family", "ProvisionProductTask")
                .put("status", "EXECUTED")
                .put("durationMillis", IMG)
                .put("attempts", ATTR)
                .put("missReason", "NO_TARGET")
                .put("missDetails", SCRIPT)
                .putArray("requires");
        return report;
    }

    /** A summary (BuildSummary.toJson's shape) with markup for names and numbers, and strings for numbers. */
    static ObjectNode summary() {
        ObjectNode s = JSON.createObjectNode()
                .put("executed", IMG)
                .put("cached", "7")
                .put("failed", SCRIPT)
                .put("skipped", 0)
                .put("cacheable", 7)
                .put("cacheHitRate", IMG)
                .put("savedMillis", SCRIPT)
                .put("wallMillis", IMG);
        ArrayNode top = s.putArray("topReasons");
        top.addObject().put("reason", IMG).put("tasks", SCRIPT);
        top.addObject().put("reason", "__proto__").put("tasks", 2);
        top.addObject().put("reason", "NO_TARGET").put("tasks", 1);
        top.add(ATTR); // not an object: shown empty
        ArrayNode sections = s.putArray("sections");
        sections.addObject()
                .put("section", 1)
                .put("manifest", IMG)
                .put("executed", IMG)
                .put("cached", 2)
                .put("failed", SCRIPT)
                .put("skipped", 0);
        sections.addObject()
                .put("section", ATTR)
                .put("manifest", SCRIPT)
                .put("executed", 1)
                .put("cached", 0)
                .put("failed", 0)
                .put("skipped", 0);
        return s;
    }

    /**
     * A trend (TrendModel.toJson's shape): markup as display names, build number and counts; a URL that leaves
     * the origin when put under root "/"; a javascript: URL, which under the root is a harmless path.
     */
    static ObjectNode trend() {
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode builds = doc.putArray("builds");
        builds.addObject()
                .put("build", 1)
                .put("displayName", IMG)
                .put("url", "job/demo/1/")
                .put("executed", IMG)
                .put("cached", 2)
                .put("savedMillis", IMG);
        builds.addObject()
                .put("build", ATTR)
                .put("displayName", SCRIPT)
                .put("url", "/evil.example/")
                .put("executed", 3)
                .put("cached", "4")
                .put("savedMillis", 1000);
        builds.addObject()
                .put("build", 3)
                .put("displayName", "#3")
                .put("url", "javascript:window.__pwned=6//")
                .put("executed", 1)
                .put("cached", 1)
                .put("savedMillis", 500);
        return doc;
    }

    /** Escapes a value for a double-quoted attribute, as Jelly's escape-by-default does. */
    static String attribute(String s) {
        return s.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    /** The head every test page shares: no inline style or script, so it runs under the strict policy. */
    static String head(String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">"
                + "<title>" + title + "</title><link rel=\"stylesheet\" href=\"report.css\"></head>"
                + "<body class=\"puppet-standalone\">";
    }

    /** What summary.jelly emits for two cards: the hostile one, and one whose report URL is a javascript: URL. */
    static String cardPage() {
        return head("hostile card")
                + "<div class=\"puppet-card\" id=\"hostile\" data-summary=\""
                + attribute(summary().toString())
                + "\" data-report-url=\"/jenkins/job/demo/3/puppet/\"></div>"
                + "<div class=\"puppet-card\" id=\"bad-url\" data-summary=\""
                + attribute(summary().toString())
                + "\" data-report-url=\"javascript:window.__pwned=5\"></div>"
                + "<script src=\"dom.js\"></script><script src=\"summary.js\"></script></body></html>";
    }

    /** What floatingBox.jelly emits for a Jenkins at the server's root (rootURL "", so data-root "/"). */
    static String trendPage(boolean withECharts) {
        return head("hostile trend")
                + (withECharts ? "<script src=\"echarts.min.js\"></script>" : "")
                + "<div class=\"puppet-trend\" data-trend=\"hostile-trend.json\" data-root=\"/\"></div>"
                + "<script src=\"dom.js\"></script><script src=\"trend.js\"></script></body></html>";
    }

    /**
     * Nothing was made from the planted data and nothing ran: no image element, only the page's own scripts (and the
     * test's csp-probe.js), no policy violation or console error, no planted handler, and no request for the planted
     * image. Under the policy, nothing was even attempted.
     */
    static void assertInert(ChromeDriver driver, ReportServer server, String... scripts) {
        List<String> expected = new ArrayList<>(List.of(scripts));
        expected.add("csp-probe.js");
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(driver.findElements(By.tagName("script")))
                .extracting(e -> e.getAttribute("src").replaceAll(".*/", ""))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Browser.cspViolations(driver)).isEmpty();
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.pwnedAfterImagesSettle(driver)).isNull();
        assertThat(server.requests()).noneMatch(p -> p.endsWith("/x"));
    }
}
