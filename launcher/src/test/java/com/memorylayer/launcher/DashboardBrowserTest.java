package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.controlplane.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs) against the whole platform: the launcher's one-time link for the local operator; sign
 * in through GitHub, create a workspace and a key, use the key from the API, revoke it, and find both the use and
 * the revocation in the audit log; and a session made on one gateway serving the dashboard on a second one.
 */
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static WebDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium; .ci/run installs it (apt-get install chromium chromium-driver)").exists();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver").exists();
        base = TestPlatform.get().gatewayUrl();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps calling out, and this machine's closed network
        // refuses it many times a second.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The path of the page the browser is on; the query (e.g. after a saved request) does not matter here. */
    /**
     * Waits until the browser is on {@code expected}: a click on a link or a submit button returns as the next
     * page starts loading, and a redirect may still be on its way.
     */
    private static void awaitPath(String expected) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> path().equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(path()).as(browser.getPageSource()).isEqualTo(expected);
        }
    }

    private static String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }

    @Test
    void theLaunchersOneTimeLinkOpensTheBootstrapWorkspaceOnce() {
        String link = TestPlatform.get().newDashboardLink().orElseThrow();
        browser.manage().deleteAllCookies();
        browser.get(link);
        assertThat(path()).isEqualTo("/app/workspaces/" + TestPlatform.get().bootstrap().slug());
        // The local operator owns the bootstrap workspace: its keys, members, audit and usage are all open to them.
        browser.findElement(By.linkText("Keys")).click();
        awaitPath("/app/workspaces/" + TestPlatform.get().bootstrap().slug() + "/keys");
        assertThat(browser.findElements(By.cssSelector("#keys tr[data-key-id]"))).isNotEmpty();
        // A refusal would render an error page at the same address, so each page is known by what only it shows.
        Map<String, String> pages = Map.of("members", "members", "audit", "audit-filters", "usage", "usage-filters");
        pages.forEach((page, element) -> {
            browser.get(base + "/app/workspaces/" + TestPlatform.get().bootstrap().slug() + "/" + page);
            assertThat(browser.findElements(By.id(element))).as(page + " page").isNotEmpty();
        });
        // The invite form is for admins and owners only.
        browser.get(base + "/app/workspaces/" + TestPlatform.get().bootstrap().slug() + "/members");
        assertThat(browser.findElements(By.id("create-invite"))).isNotEmpty();

        browser.manage().deleteAllCookies();
        browser.get(link);
        assertThat(browser.getPageSource()).contains("sign_in_link_invalid");
        browser.get(base + "/app");
        assertThat(path()).as("a spent link signs no one in").isEqualTo("/login");
    }

    /**
     * The observability page after recalls and refused calls: the summary counts them, and the three charts are drawn
     * in the browser, which the screenshot shows — each chart's picture carries its own colour (the latency's p95 in
     * orange, requests in blue, errors in red). The screenshots are kept in {@code target/screenshots}.
     */
    @Test
    void theObservabilityPageDrawsLatencyVolumeAndErrorsOfTheWorkspacesCalls() throws Exception {
        var bootstrap = TestPlatform.get().bootstrap();
        ApiClient api = new ApiClient(base, bootstrap.slug(), bootstrap.apiKey());
        for (int i = 0; i < 6; i++) {
            assertThat(api.recallContents("what does the observability page show " + i, 3, null)).isNotNull();
            // A memory that does not exist: answered 404, an error in the workspace's traffic.
            assertThat(api.send("/v1/workspaces/" + bootstrap.slug() + "/memories/" + java.util.UUID.randomUUID(), "GET", null,
                    "application/json", Map.of("X-API-Key", bootstrap.apiKey())).status()).isEqualTo(404);
        }
        browser.manage().deleteAllCookies();
        browser.get(TestPlatform.get().newDashboardLink().orElseThrow());
        String page = base + "/app/workspaces/" + bootstrap.slug() + "/observability?window=15m";
        browser.get(page);
        // The figures come from what the audit-sink materialised: they follow the calls by a flush or two.
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!(drawn("#latency-chart circle.p95") && browser.findElements(By.cssSelector("#errors-chart rect.errors")).stream()
                .anyMatch(r -> Double.parseDouble(r.getAttribute("height")) > 0) && requestsShown() >= 12)
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
            browser.navigate().refresh();
        }
        assertThat(browser.findElement(By.id("tab-observability")).getAttribute("class")).contains("active");
        assertThat(requestsShown()).isGreaterThanOrEqualTo(12);
        assertThat(browser.findElement(By.id("figure-p95")).getText()).endsWith(" ms");
        assertThat(browser.findElements(By.cssSelector("#busiest-routes td.route")).stream().map(WebElement::getText))
                .contains("POST /v1/workspaces/{slug}/recall");

        // Tall enough that every chart is whole in the viewport: an element's screenshot is cut at its edge.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2400));
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Map<String, Integer> colours = Map.of("latency-chart", 0xe67e22, "volume-chart", 0x2d5be3, "errors-chart", 0xc0392b);
        for (Map.Entry<String, Integer> chart : colours.entrySet()) {
            byte[] png = browser.findElement(By.id(chart.getKey())).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(shots.resolve("observability-" + chart.getKey() + ".png"), png);
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertThat(image.getWidth()).as(chart.getKey()).isGreaterThanOrEqualTo(700);
            assertThat(image.getHeight()).as(chart.getKey()).isGreaterThanOrEqualTo(150);
            assertThat(pixelsOf(image, chart.getValue())).as(chart.getKey() + " drawn in its colour").isGreaterThan(20);
        }
        // And the other windows answer too.
        browser.get(base + "/app/workspaces/" + bootstrap.slug() + "/observability?window=7d");
        assertThat(browser.findElements(By.id("latency-chart"))).isNotEmpty();
    }

    /** The page's request count; -1 while the page shows none (an error page). */
    private static long requestsShown() {
        List<WebElement> figure = browser.findElements(By.id("figure-requests"));
        return figure.isEmpty() ? -1 : Long.parseLong(figure.getFirst().getText());
    }

    private static boolean drawn(String selector) {
        return !browser.findElements(By.cssSelector(selector)).isEmpty();
    }

    /** Pixels within a small distance of {@code rgb} (anti-aliasing blurs the edges). */
    private static int pixelsOf(java.awt.image.BufferedImage image, int rgb) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int p = image.getRGB(x, y);
                int dr = Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff));
                int dg = Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff));
                int db = Math.abs((p & 0xff) - (rgb & 0xff));
                if (dr + dg + db < 30) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void signInCreateAKeyUseItRevokeItAndSeeBothInTheAuditLog() throws Exception {
        browser.manage().deleteAllCookies();
        TestPlatform.github().signInNextAs(5151, "browser-user");
        browser.get(base + "/app");
        assertThat(path()).isEqualTo("/login");
        browser.findElement(By.id("sign-in-github")).click();
        awaitPath("/app");
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("browser-user");

        WebElement create = browser.findElement(By.id("create-workspace"));
        create.findElement(By.name("slug")).sendKeys("browser-team");
        create.findElement(By.name("name")).sendKeys("Browser team");
        create.findElement(By.cssSelector("button[type=submit]")).click();
        awaitPath("/app/workspaces/browser-team");
        assertThat(browser.findElement(By.id("memory-count")).getText()).isEqualTo("0");

        browser.get(base + "/app/workspaces/browser-team/keys");
        WebElement keyForm = browser.findElement(By.id("create-key"));
        keyForm.findElement(By.name("name")).sendKeys("agent-one");
        keyForm.findElement(By.cssSelector("button[type=submit]")).click();
        String key = new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.id("new-key")).isEmpty() ? null : d.findElement(By.id("new-key")).getText());
        assertThat(key).startsWith("mlk_");
        // Shown once: a reload no longer carries it.
        browser.navigate().refresh();
        assertThat(browser.findElements(By.id("new-key"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(key);
        String keyId = browser.findElement(By.cssSelector("#keys tr[data-key-id]")).getAttribute("data-key-id");

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest use = HttpRequest.newBuilder(URI.create(base + "/v1/workspaces/browser-team"))
                .header("Authorization", "Bearer " + key).build();
        assertThat(http.send(use, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        browser.findElement(By.cssSelector("#keys tr[data-key-id='" + keyId + "'] .revoke-key")).click();
        // The revoke posts a form and reloads the page; the old page's elements go stale while the new one loads.
        By state = By.cssSelector("#keys tr[data-key-id='" + keyId + "'] .key-state");
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> "revoked".equals(d.findElement(state).getText()));
        assertThat(http.send(use, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        // The audit-sink materialises the log a moment after the calls; reload until both are there.
        String routes = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            browser.get(base + "/app/workspaces/browser-team/audit");
            routes = String.join("\n", browser.findElements(By.cssSelector("#audit-events .audit-row")).stream()
                    .map(row -> row.getAttribute("data-key-id") + " " + row.findElement(By.className("audit-route")).getText()
                            + " " + row.findElement(By.className("audit-status")).getText()).toList());
            if (routes.contains(keyId + " GET /v1/workspaces/{slug} 200")
                    && routes.contains("POST /app/workspaces/{slug}/keys/{keyId}/revoke 302")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(routes).contains(keyId + " GET /v1/workspaces/{slug} 200")
                .contains("POST /app/workspaces/{slug}/keys/{keyId}/revoke 302")
                .contains("POST /app/workspaces/{slug}/keys 302");

        // Filtering by the key leaves only its calls.
        new Select(browser.findElement(By.name("key_id"))).selectByValue(keyId);
        browser.findElement(By.cssSelector("#audit-filters button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("key_id=" + keyId));
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit-events .audit-row"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(row.getAttribute("data-key-id")).isEqualTo(keyId));

        browser.get(base + "/app/workspaces/browser-team/usage");
        long usageDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (browser.findElements(By.id("usage-chart")).isEmpty() && System.nanoTime() < usageDeadline) {
            Thread.sleep(500);
            browser.navigate().refresh();
        }
        assertThat(browser.findElements(By.cssSelector("#usage-chart rect.requests"))).isNotEmpty();
    }

    @Test
    void aSessionMadeOnOneGatewayServesTheDashboardOnAnotherUntilSignedOutEverywhere() {
        String second = TestPlatform.secondGatewayUrl();
        browser.manage().deleteAllCookies();
        TestPlatform.github().signInNextAs(5252, "two-gateways");
        browser.get(base + "/app");
        browser.findElement(By.id("sign-in-github")).click();
        awaitPath("/app");
        assertThat(port()).isEqualTo(URI.create(base).getPort());
        // The same person on another device, signed in on the first gateway too.
        TestPlatform.github().signInNextAs(5252, "two-gateways");
        WebSession phone = new WebSession(base);
        assertThat(phone.signIn().uri().getPath()).isEqualTo("/app");

        // The second gateway: the same host on another port, and cookies are not scoped to a port, so the browser
        // sends the session the first gateway made; the second finds it in the shared store.
        browser.get(second + "/app");
        assertThat(path()).as("signed in, not sent to /login").isEqualTo("/app");
        assertThat(port()).isEqualTo(URI.create(second).getPort());
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("two-gateways");
        WebElement create = browser.findElement(By.id("create-workspace"));
        create.findElement(By.name("slug")).sendKeys("two-gateways");
        create.findElement(By.name("name")).sendKeys("Two gateways");
        create.findElement(By.cssSelector("button[type=submit]")).click();
        awaitPath("/app/workspaces/two-gateways");
        assertThat(port()).isEqualTo(URI.create(second).getPort());
        browser.get(base + "/app/workspaces/two-gateways");
        assertThat(browser.findElement(By.id("memory-count")).getText()).as("back on the first gateway").isEqualTo("0");

        browser.get(second + "/app");
        browser.findElement(By.cssSelector("#sign-out-everywhere button[type=submit]")).click();
        awaitPath("/login");

        browser.get(base + "/app");
        assertThat(path()).as("the first gateway no longer knows the session").isEqualTo("/login");
        assertThat(phone.json("GET", "/v1/workspaces", null, false).statusCode()).as("the other device, on the first gateway")
                .isEqualTo(401);
    }

    private static int port() {
        return URI.create(browser.getCurrentUrl()).getPort();
    }

    @Test
    void theIngestRunsPageFollowsARunToItsEndAndListsItsRejectedItems() throws Exception {
        Platform platform = TestPlatform.get();
        String slug = platform.bootstrap().slug();
        ApiClient api = new ApiClient(platform.gatewayUrl(), slug, platform.bootstrap().apiKey());
        ApiClient.Response accepted = api.post("/v1/workspaces/" + slug + "/ingest", ApiClient.json(Map.of(
                "items", List.of(Map.of("content", "The browser test ingested this note"), Map.of("content", ""),
                        Map.of("content", "And this second one")), "source_name", "browser-notes.md")),
                Map.of("X-API-Key", platform.bootstrap().apiKey()));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        String runId = accepted.body().path("run_id").asString();

        browser.manage().deleteAllCookies();
        browser.get(platform.newDashboardLink().orElseThrow());
        browser.findElement(By.id("tab-ingest")).click();
        awaitPath("/app/workspaces/" + slug + "/ingest");
        By row = By.cssSelector("tr.run[data-run-id='" + runId + "']");
        assertThat(browser.findElement(row).findElement(By.tagName("td")).getText()).isEqualTo("browser-notes.md");
        // Open, so unfinished: the page reloads itself.
        assertThat(browser.findElement(row).findElement(By.className("run-status")).getText()).isEqualTo("open");
        assertThat(browser.findElements(By.cssSelector("meta[http-equiv='refresh']"))).isNotEmpty();

        api.post("/v1/workspaces/" + slug + "/ingest/runs/" + runId + "/close", "{}", Map.of("X-API-Key", platform.bootstrap().apiKey()));
        // No manual reload: the page's own refresh brings the run to its end.
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(b ->
                b.findElement(row).findElement(By.className("run-status")).getText().equals("completed_with_errors"));
        assertThat(browser.findElement(row).findElement(By.className("run-progress")).getAttribute("value")).isEqualTo("1");
        assertThat(browser.findElement(row).findElement(By.className("run-done")).getText()).isEqualTo("3 / 3");
        assertThat(browser.findElement(row).findElement(By.className("run-rejected")).getText()).isEqualTo("1");
        WebElement errors = browser.findElement(By.cssSelector("tr.run-errors[data-run-id='" + runId + "']"));
        errors.findElement(By.tagName("summary")).click();
        assertThat(errors.findElement(By.className("run-error")).getText()).contains("#1").contains("invalid_request");
    }
}
