package io.jenkins.plugins.scpuppet.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian chromium driven by Selenium (ChromeDriver from the chromium-driver package), with its console
 * kept for assertions. Screenshots go to target/screenshots, and to docs/screenshots with -Dscreenshots.update=true.
 */
final class Browser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {}

    /** True when chromium and chromedriver are installed; says loudly when they are not. */
    static boolean available() {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser) {
            System.err.println(
                    "*** BROWSER TESTS SKIPPED: install Debian's chromium and chromium-driver (.ci/run does)");
        }
        return browser;
    }

    static ChromeDriver start(Path profile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(options);
    }

    /** Ends a test class's browser and page server, whichever of them started. */
    static void stop(ChromeDriver driver, ReportServer server) {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Console messages at SEVERE (errors, failed loads) since the last call. */
    static List<LogEntry> consoleErrors(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .toList();
    }

    /** What csp-probe.js heard: one line per Content-Security-Policy violation on the current page. */
    @SuppressWarnings("unchecked")
    static List<String> cspViolations(ChromeDriver driver) {
        Object seen = driver.executeScript("return window.__cspViolations;");
        if (seen == null) {
            throw new IllegalStateException("csp-probe.js did not run on " + driver.getCurrentUrl());
        }
        return (List<String>) seen;
    }

    /**
     * {@code window.__pwned} once an image of this page's own server has loaded: a planted
     * {@code <img src=x onerror=...>} asked the same server for its image earlier, so its handler would have run by
     * then. No sleep; the image (ReportServer's settle.png) loads without a console error.
     */
    static Object pwnedAfterImagesSettle(ChromeDriver driver) {
        return driver.executeAsyncScript("var done = arguments[arguments.length - 1], probe = new Image();"
                + "var report = function () { done(window.__pwned === undefined ? null : String(window.__pwned)); };"
                + "probe.addEventListener('load', report); probe.addEventListener('error', report);"
                + "probe.src = 'settle.png?' + Date.now();");
    }

    static void screenshot(ChromeDriver driver, String name) throws Exception {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name);
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("screenshots.update")) {
            Path docs = Files.createDirectories(Path.of("..", "docs", "screenshots"));
            Files.copy(shot, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
