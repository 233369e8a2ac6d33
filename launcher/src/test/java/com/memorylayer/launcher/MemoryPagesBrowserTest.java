package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.UserDirectory;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * A person's paths through the memory pages in a real headless Chromium (started as {@link DashboardBrowserTest}
 * starts it) against the whole platform: remember from the page and curate the memory there (note, edit, tags, pin,
 * status, forget, restore, erase), each change checked through the API as well; search with filters and see why
 * each hit was found; list with filters and pages; the entity graph as a picture; the status charts; and a viewer,
 * whose role has no write scope, refused a change that then did not happen. Screenshots of the key pages are kept
 * in {@code target/screenshots}; with {@code -Dmemorylayer.readme-screenshots=true} the memory page's and the graph's
 * also replace the README's in {@code docs/screenshots} (a plain run leaves the committed ones alone).
 */
class MemoryPagesBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path README_SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static long nextGithubId = 77_000;

    /** Replaces a README screenshot, when asked to ({@code -Dmemorylayer.readme-screenshots=true}). */
    private static void forTheReadme(String name, byte[] png) throws java.io.IOException {
        if (Boolean.getBoolean("memorylayer.readme-screenshots")) {
            Files.createDirectories(README_SCREENSHOTS);
            Files.write(README_SCREENSHOTS.resolve(name), png);
        }
    }

    static WebDriver browser;
    static String base;
    static TestWorkspace ws;

    @BeforeAll
    static void start() throws Exception {
        DashboardBrowserTest.start();
        browser = DashboardBrowserTest.browser;
        // Tall enough that a screenshot shows a whole memory page or graph, for the README.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1500));
        base = TestPlatform.get().gatewayUrl();
        ws = TestPlatform.newWorkspace();
        signInAs("memory-owner", MemberRole.OWNER);
    }

    @AfterAll
    static void stop() {
        DashboardBrowserTest.stop();
    }

    /** Signs the browser in through (the test's) GitHub as a new person with this role in the workspace. */
    private static void signInAs(String login, MemberRole role) {
        long githubId = nextGithubId++;
        var gateway = TestPlatform.get().gateway();
        SignedInUser user = gateway.getBean(UserDirectory.class).signedIn(githubId, login, login, null);
        gateway.getBean(MemberDirectory.class).add(gateway.getBean(DSLContext.class), ws.workspace().id(), user.id(), role);
        browser.manage().deleteAllCookies();
        TestPlatform.github().signInNextAs(githubId, login);
        browser.get(base + "/app");
        browser.findElement(By.id("sign-in-github")).click();
        awaitPath("/app");
    }

    private static String page(String rest) {
        return base + "/app/workspaces/" + ws.slug() + rest;
    }

    private static void awaitPath(String expected) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> path().equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(path()).as(browser.getPageSource()).isEqualTo(expected);
        }
    }

    private static String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }

    /**
     * Waits (through the reload a form's post brings) until the page shows what is expected. An element read while
     * the old page goes may be stale, missing, or (Chromium's own words for the same moment) "does not belong to the
     * document": each is asked again; only the page never showing it fails.
     */
    private static <T> T await(Function<WebDriver, T> shown) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.WebDriverException.class).until(shown);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page never showed it; it is:\n" + browser.getPageSource(), e);
        }
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void submit(String formId) {
        browser.findElement(By.cssSelector("#" + formId + " button[type=submit]")).click();
    }

    /** A screenshot of the page, checked to be a real picture of some size with more than one colour. */
    private static byte[] screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        assertThat(png).hasSizeGreaterThan(10_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isGreaterThan(600);
        assertThat(colours(image)).as("a page, not a blank").isGreaterThan(8);
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        return png;
    }

    private static long colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static JsonNode memoryThroughApi(String id) {
        Response memory = ws.api().get("/memories/" + id);
        assertThat(memory.status()).as(memory.raw()).isEqualTo(200);
        return memory.body();
    }

    private static String stored(Map<String, Object> body) {
        Response response = ws.api().post("/v1/workspaces/" + ws.slug() + "/memories?wait=true", ApiClient.json(body),
                Map.of("X-API-Key", ws.key()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().path("id").asString();
    }

    @Test
    void rememberFromThePageThenNoteEditTagPinChangeStatusForgetRestoreAndErase() throws Exception {
        browser.get(page("/memories"));
        browser.findElement(By.cssSelector("#remember textarea[name=content]"))
                .sendKeys("Priya uses Kubernetes for the billing service in Berlin.");
        browser.findElement(By.cssSelector("#remember input[name=tags]")).sendKeys("ops, billing");
        submit("remember");
        await(d -> path().matches("/app/workspaces/" + ws.slug() + "/memories/[0-9a-f-]{36}"));
        String id = text("memory-id");
        assertThat(path()).endsWith("/memories/" + id);
        assertThat(text("memory-content")).isEqualTo("Priya uses Kubernetes for the billing service in Berlin.");
        assertThat(memoryThroughApi(id).path("content").asString()).isEqualTo("Priya uses Kubernetes for the billing service in Berlin.");
        // The history starts with its creation; the entities the worker found are listed with links to their graphs.
        assertThat(browser.findElements(By.cssSelector("#memory-history .history-change"))).isNotEmpty();
        List<String> entities = browser.findElements(By.cssSelector("#memory-entities .entity a")).stream().map(WebElement::getText).toList();
        assertThat(entities).contains("Priya", "Kubernetes");

        browser.findElement(By.cssSelector("#annotate-memory input[name=note]")).sendKeys("Checked with the platform team");
        submit("annotate-memory");
        await(d -> d.findElements(By.cssSelector("#memory-annotations .annotation-note")).stream()
                .anyMatch(n -> n.getText().equals("Checked with the platform team")));
        assertThat(memoryThroughApi(id).path("annotations").get(0).path("note").asString()).isEqualTo("Checked with the platform team");

        WebElement content = browser.findElement(By.cssSelector("#edit-memory textarea[name=content]"));
        content.clear();
        content.sendKeys("Priya uses Kubernetes for the billing service in Berlin and Lisbon.");
        submit("edit-memory");
        await(d -> text("memory-content").endsWith("and Lisbon."));
        assertThat(text("memory-version")).isEqualTo("2");
        assertThat(memoryThroughApi(id).path("content").asString()).endsWith("in Berlin and Lisbon.");

        browser.findElement(By.cssSelector("#tag-memory input[name=tags_add]")).sendKeys("reviewed");
        browser.findElement(By.cssSelector("#tag-memory input[name=tags_remove]")).sendKeys("billing");
        submit("tag-memory");
        await(d -> text("memory-tags").contains("reviewed"));
        assertThat(text("memory-tags")).doesNotContain("billing");
        List<String> tags = new ArrayList<>();
        memoryThroughApi(id).path("tags").forEach(t -> tags.add(t.asString()));
        assertThat(tags).containsExactlyInAnyOrder("ops", "reviewed");

        submit("pin-memory");
        await(d -> text("memory-pinned").equals("yes"));
        assertThat(memoryThroughApi(id).path("pinned").asBoolean()).isTrue();

        new Select(browser.findElement(By.cssSelector("#status-memory select[name=status]"))).selectByValue("challenged");
        browser.findElement(By.cssSelector("#status-memory input[name=reason]")).sendKeys("Lisbon is not confirmed");
        submit("status-memory");
        await(d -> text("memory-status").equals("challenged"));
        assertThat(memoryThroughApi(id).path("status").asString()).isEqualTo("challenged");
        List<String> changes = browser.findElements(By.cssSelector("#memory-history .history-change")).stream()
                .map(WebElement::getText).toList();
        assertThat(changes).hasSizeGreaterThanOrEqualTo(4);
        forTheReadme("memory-page.png", screenshot("memory-page"));

        submit("forget-memory");
        await(d -> text("memory-status").equals("forgotten"));
        assertThat(browser.findElements(By.id("memory-restore-until"))).isNotEmpty();
        assertThat(memoryThroughApi(id).path("status").asString()).isEqualTo("forgotten");

        submit("restore-memory");
        await(d -> !text("memory-status").equals("forgotten"));
        assertThat(memoryThroughApi(id).path("status").asString()).isNotEqualTo("forgotten");

        submit("erase-memory");
        awaitPath("/app/workspaces/" + ws.slug() + "/memories");
        assertThat(browser.findElement(By.className("notice")).getText()).contains("erased");
        assertThat(ws.api().get("/memories/" + id).status()).isEqualTo(404);
        assertThat(ws.api().get("/erasures/" + id).status()).isEqualTo(200);
    }

    @Test
    void searchFindsARememberedMemoryWithFiltersAndExplainsEachHit() throws Exception {
        String wanted = stored(Map.of("content", "The greenhouse sensors report humidity every ten minutes.",
                "tags", List.of("garden")));
        stored(Map.of("content", "The greenhouse door sticks when it rains.", "tags", List.of("repairs")));

        browser.get(page(""));
        browser.findElement(By.id("tab-search")).click();
        awaitPath("/app/workspaces/" + ws.slug() + "/search");
        browser.findElement(By.cssSelector("#search-form input[name=query]")).sendKeys("how often do the greenhouse sensors report");
        browser.findElement(By.cssSelector("#search-form textarea[name=filters]")).sendKeys("{\"tags_any\": [\"garden\"]}");
        submit("search-form");
        await(d -> !d.findElements(By.id("search-answer")).isEmpty());
        List<WebElement> hits = browser.findElements(By.cssSelector("#search-results .search-hit"));
        assertThat(hits).extracting(h -> h.getAttribute("data-memory-id")).containsExactly(wanted);
        WebElement explanation = hits.getFirst().findElement(By.className("hit-explanation"));
        assertThat(explanation.getText()).contains("score").contains("fused").contains("found by");
        assertThat(hits.getFirst().findElements(By.className("hit-channel"))).isNotEmpty();
        assertThat(text("search-intent")).isNotBlank();
        screenshot("search");

        // The hit opens the memory's page.
        hits.getFirst().findElement(By.className("hit-link")).click();
        awaitPath("/app/workspaces/" + ws.slug() + "/memories/" + wanted);

        // Filters that leave nothing out of reach answer nothing; a filter the recall does not know is its own 400.
        browser.get(page("/search?query=greenhouse&filters=" + java.net.URLEncoder.encode("{\"tags_any\": [\"none-such\"]}",
                java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(browser.findElements(By.id("no-results"))).isNotEmpty();
        browser.get(page("/search?query=greenhouse&filters=" + java.net.URLEncoder.encode("{\"colour\": \"red\"}",
                java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(text("error-message")).contains("unknown filter 'colour'");
    }

    /** The memories the list page shows, by id, in its order. */
    private static List<String> rows() {
        return browser.findElements(By.cssSelector("#memories tr.memory-row")).stream().map(r -> r.getAttribute("data-memory-id")).toList();
    }

    @Test
    void theListFiltersByTagPinAndLayerAndPages() throws Exception {
        String first = stored(Map.of("content", "Paging note one about the boat.", "tags", List.of("paging")));
        String second = stored(Map.of("content", "Paging note two about the boat.", "tags", List.of("paging"), "pinned", true));
        String third = stored(Map.of("content", "Paging note three about the boat.", "tags", List.of("paging"), "layer", "semantic"));

        browser.get(page(""));
        browser.findElement(By.id("tab-memories")).click();
        awaitPath("/app/workspaces/" + ws.slug() + "/memories");
        browser.findElement(By.cssSelector("#memory-filters input[name=tag]")).sendKeys("paging");
        WebElement limit = browser.findElement(By.cssSelector("#memory-filters input[name=limit]"));
        limit.clear();
        limit.sendKeys("2");
        submit("memory-filters");
        await(d -> d.getCurrentUrl().contains("tag=paging"));
        // Newest first, two a page.
        assertThat(rows()).containsExactly(third, second);
        screenshot("memory-list");
        browser.findElement(By.id("next-page")).click();
        await(d -> d.getCurrentUrl().contains("cursor="));
        assertThat(rows()).containsExactly(first);
        assertThat(browser.findElements(By.id("next-page"))).isEmpty();

        browser.get(page("/memories?tag=paging&pinned=true"));
        assertThat(rows()).containsExactly(second);
        browser.get(page("/memories?tag=paging&layer=semantic"));
        assertThat(rows()).containsExactly(third);
        new Select(browser.findElement(By.cssSelector("#memory-filters select[name=status]"))).selectByValue("forgotten");
        submit("memory-filters");
        await(d -> d.getCurrentUrl().contains("status=forgotten"));
        assertThat(browser.findElements(By.id("no-memories"))).isNotEmpty();
    }

    @Test
    void theEntityGraphOfAMemoryAndOfAnEntityIsDrawnWithLabelledEdges() throws Exception {
        stored(Map.of("content", "Amara uses Terraform for the payments platform.", "session_id", "g-1"));
        String memory = stored(Map.of("content", "Amara and Joaquin moved the payments platform to Terraform in Oslo.",
                "session_id", "g-1"));
        browser.get(page("/memories/" + memory));
        browser.findElement(By.id("memory-graph-link")).click();
        awaitPath("/app/workspaces/" + ws.slug() + "/memories/" + memory + "/graph");
        List<WebElement> nodes = browser.findElements(By.cssSelector("#entity-graph a.node"));
        List<String> names = nodes.stream().map(n -> n.findElement(By.className("node-label")).getText()).toList();
        assertThat(names).contains("Amara", "Joaquin", "Terraform");
        assertThat(browser.findElements(By.cssSelector("#entity-graph a.node.depth-0"))).hasSize(1);
        List<String> labels = browser.findElements(By.cssSelector("#entity-graph .edge-label")).stream().map(WebElement::getText).toList();
        assertThat(labels).contains("mentions").anyMatch(l -> !l.equals("mentions"));
        assertThat(browser.findElements(By.cssSelector("#entity-graph .edge line"))).hasSameSizeAs(labels);
        screenshot("memory-graph");

        // A node opens that entity's own graph, the entity in the middle.
        browser.get(base + browser.findElements(By.cssSelector("#entity-graph a.node")).stream()
                .filter(n -> n.findElement(By.className("node-label")).getText().equals("Amara")).findFirst().orElseThrow()
                .getDomAttribute("href"));
        await(d -> path().matches("/app/workspaces/" + ws.slug() + "/entities/[0-9a-f-]{36}/graph"));
        assertThat(text("graph-title")).startsWith("Amara");
        WebElement centre = browser.findElement(By.cssSelector("#entity-graph a.node.depth-0"));
        assertThat(centre.findElement(By.className("node-label")).getText()).isEqualTo("Amara");
        List<String> relations = browser.findElements(By.cssSelector("#entity-graph .edge-label")).stream().map(WebElement::getText).toList();
        assertThat(relations).contains("uses");
        byte[] png = screenshot("entity-graph");
        forTheReadme("entity-graph.png", png);
    }

    @Test
    void theStatusPageChartsTheWorkspacesFiguresAndQuality() throws Exception {
        stored(Map.of("content", "A figure for the status charts.", "layer", "semantic"));
        JsonNode status = ws.api().get("/status").body();
        browser.get(page(""));
        browser.findElement(By.id("tab-stats")).click();
        awaitPath("/app/workspaces/" + ws.slug() + "/stats");
        assertThat(text("stats-memories")).isEqualTo(status.path("memories").path("total").asString());
        List<WebElement> statusRows = browser.findElements(By.cssSelector("#chart-status .stats-row"));
        assertThat(statusRows).isNotEmpty();
        WebElement active = statusRows.stream().filter(r -> "active".equals(r.getAttribute("data-label"))).findFirst().orElseThrow();
        assertThat(active.getAttribute("data-value")).isEqualTo(status.path("memories").path("by_status").path("active").asString());
        assertThat(browser.findElements(By.cssSelector("#chart-layer .stats-row[data-label='semantic'] rect.bar"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#chart-quality .stats-row"))).extracting(r -> r.getAttribute("data-label"))
                .containsExactly("recalled", "curated", "untagged");
        screenshot("stats");
    }

    /**
     * A viewer's role has the read scope only: the memory page shows no forms, and a change posted anyway (with a
     * valid CSRF token, as the page's own forms would) is refused as the API refuses it, and nothing changes.
     */
    @Test
    void aViewerSeesTheMemoryButIsRefusedEveryChange() throws Exception {
        String id = stored(Map.of("content", "The viewer may read this note about the lighthouse."));
        try {
            signInAs("memory-viewer", MemberRole.VIEWER);
            browser.get(page("/memories/" + id));
            assertThat(text("memory-content")).isEqualTo("The viewer may read this note about the lighthouse.");
            assertThat(browser.findElements(By.id("memory-actions"))).isEmpty();
            for (String action : List.of("pin", "forget", "erase")) {
                browser.get(page("/memories/" + id));
                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                        var form = document.createElement('form');
                        form.method = 'post';
                        form.action = arguments[0];
                        var token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).substring(11);
                        [['_csrf', decodeURIComponent(token)], ['pinned', 'true']].forEach(function (p) {
                          var input = document.createElement('input');
                          input.type = 'hidden'; input.name = p[0]; input.value = p[1];
                          form.appendChild(input);
                        });
                        document.body.appendChild(form);
                        form.submit();""", "/app/workspaces/" + ws.slug() + "/memories/" + id + "/" + action);
                await(d -> !d.findElements(By.id("error-message")).isEmpty());
                assertThat(browser.findElement(By.tagName("h1")).getText()).as(action).isEqualTo("403");
                assertThat(browser.getPageSource()).contains("insufficient_scope");
            }
            JsonNode after = memoryThroughApi(id);
            assertThat(after.path("pinned").asBoolean()).isFalse();
            assertThat(after.path("status").asString()).isEqualTo("active");
            assertThat(after.path("version").asInt()).isEqualTo(1);
            // Reading is theirs: the search and the list answer.
            browser.get(page("/search?query=lighthouse"));
            assertThat(browser.findElements(By.cssSelector("#search-results .search-hit[data-memory-id='" + id + "']"))).hasSize(1);
        } finally {
            signInAs("memory-owner-again", MemberRole.OWNER);
        }
    }

    /**
     * A file chosen on the ingest page is read in the browser, previewed as the chosen split mode cuts it, then ingested
     * as one run whose page's bar is moved by its script (no reload) until the run is done.
     */
    @Test
    void uploadAFilePreviewItsSplitAndWatchTheRunReachDone() throws Exception {
        Path file = Files.createTempDirectory("upload").resolve("harbour-notes.md");
        Files.writeString(file, "# Tides\nThe harbour tide peaks at noon.\n\n# Boats\nThe red ferry leaves at nine.\n\n"
                + "# Cranes\nCrane four is out of service.\n");
        browser.get(page(""));
        browser.findElement(By.id("tab-ingest")).click();
        awaitPath("/app/workspaces/" + ws.slug() + "/ingest");
        browser.findElement(By.id("ingest-upload-link")).click();
        awaitPath("/app/workspaces/" + ws.slug() + "/ingest/upload");
        browser.findElement(By.cssSelector("#ingest-upload input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        await(d -> "harbour-notes.md".equals(d.findElement(By.id("ingest-upload")).getAttribute("data-file-read")) ? true : null);
        new Select(browser.findElement(By.cssSelector("#ingest-upload select[name=split_mode]"))).selectByValue("markdown");
        submit("ingest-upload");
        awaitPath("/app/workspaces/" + ws.slug() + "/ingest/preview");
        assertThat(text("preview-items")).isEqualTo("3");
        assertThat(browser.findElements(By.cssSelector("#preview-first .preview-content"))).extracting(WebElement::getText)
                .anyMatch(t -> t.contains("The red ferry leaves at nine."));
        screenshot("ingest-preview");

        submit("ingest-start");
        await(d -> path().matches("/app/workspaces/" + ws.slug() + "/ingest/runs/[0-9a-f-]{36}"));
        String runId = path().substring(path().lastIndexOf('/') + 1);
        // The page is not reloaded: its script moves the bar, so this element stays the same one throughout.
        WebElement status = browser.findElement(By.id("ingest-run-status"));
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> status.getText().equals("completed"));
        assertThat(browser.findElement(By.id("ingest-progress-bar")).getDomProperty("value")).isEqualTo("1");
        assertThat(text("ingest-run-done")).isEqualTo("3");
        assertThat(text("ingest-run-stored")).isEqualTo("3");
        screenshot("ingest-run");
        Response run = ws.api().get("/ingest/runs/" + runId);
        assertThat(run.body().path("status").asString()).isEqualTo("completed");
        assertThat(run.body().path("source_name").asString()).isEqualTo("harbour-notes.md");
    }
}
