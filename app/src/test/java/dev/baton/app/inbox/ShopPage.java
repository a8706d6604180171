package dev.baton.app.inbox;

import com.sun.net.httpserver.HttpServer;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A shop's web site for the widget's browser tests: its own HTTP server on another port than Baton (so another
 * origin), one page that embeds {@code widget.js} with one script tag under a strict Content-Security-Policy, and a
 * style sheet with global rules a careless widget would inherit; plus the headless chromium that visits it and the
 * lookups inside the widget's shadow root.
 */
final class ShopPage implements AutoCloseable {

    static final Path SHOTS = Path.of("target", "screenshots");
    /** Global rules for every div and button: none of them may reach the widget. */
    static final String CSS = "body{font-family:serif;margin:0;background:#faf7f2}header{background:#333;color:#fff;"
            + "padding:14px 24px;font-size:20px}main{padding:24px}.grid{display:flex;gap:16px}.grid div{"
            + "background:#fff;border:1px solid #ddd;padding:40px 30px}button{background:red!important;"
            + "font-size:30px!important}div{letter-spacing:3px}";

    final HttpServer server;
    WebDriver browser;

    private ShopPage(HttpServer server) {
        this.server = server;
    }

    /** The shop's server, started; {@link #serve} gives it its page once Baton's address is known. */
    static ShopPage start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.start();
        return new ShopPage(s);
    }

    /** The origin to allow in {@code channels.web.allowed-origins}. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The same page on an origin that is not allowed (another host name for the same server). */
    String otherOrigin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves the page in {@code lang} with the widget from {@code baton}, and opens a browser. */
    void serve(String baton, String lang) {
        String page = """
                <!doctype html>
                <html lang="LANG"><head><meta charset="utf-8"><title>好物商城</title>
                <link rel="stylesheet" href="/shop.css"></head>
                <body><header>好物商城 · Good Things</header><main><h1>新品上架</h1><p>春季新款，全场包邮。</p>
                <div class="grid"><div>连衣裙 ¥299</div><div>运动鞋 ¥459</div><div>帆布包 ¥99</div></div></main>
                <script src="BATON/widget.js" async data-lang="LANG"></script>
                </body></html>
                """.replace("BATON", baton).replace("LANG", lang);
        String csp = "default-src 'none'; script-src " + baton + "; connect-src " + baton
                + "; style-src 'self'; img-src 'self'";
        server.createContext("/", ex -> {
            boolean style = ex.getRequestURI().getPath().equals("/shop.css");
            byte[] body = (style ? CSS : page).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", style ? "text/css" : "text/html; charset=utf-8");
            ex.getResponseHeaders().set("Content-Security-Policy", csp);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        ChromeOptions options = new ChromeOptions();
        options.setBinary(InboxBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1200,860", "--lang=" + ("zh".equals(lang) ? "zh-CN" : "en-US"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(InboxBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /** The widget's shadow root once its launcher is there, else null. */
    SearchContext widget() {
        List<WebElement> hosts = browser.findElements(By.tagName("baton-chat"));
        if (hosts.isEmpty()) {
            return null;
        }
        SearchContext root = hosts.get(0).getShadowRoot();
        return root.findElements(By.cssSelector(".launcher")).isEmpty() ? null : root;
    }

    WebElement find(String css) {
        List<WebElement> found = widget().findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    WebElement last(String css) {
        List<WebElement> found = widget().findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    String text(String css) {
        WebElement e = find(css);
        return e == null ? "" : e.getText();
    }

    /** What the page's console said (CSP violations, script errors), but the missing favicon. */
    List<String> problems() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> !m.contains("favicon")).toList();
    }

    void shot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.quit();
        }
        server.stop(0);
    }
}
