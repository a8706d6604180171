package dev.baton.inbox.http;

import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.inbox.auth.LoginThrottle;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.auth.Sessions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The /inbox web pages: static HTML/CSS/JS from the jar (classpath {@code /inbox}), no Node build. Pages need a
 * login (else a redirect to {@code /inbox/login}); assets and the chart library (a webjar, under
 * {@code /webjars/}) do not, as they hold no data.
 * <pre>
 * GET  /inbox/login, POST /inbox/login (form: name, password; {@link LoginThrottle}), POST /inbox/logout
 * GET  /inbox                      queue
 * GET  /inbox/conversations/{id}   conversation view
 * GET  /inbox/drafts               knowledge drafts
 * GET  /inbox/analytics            analytics (supervisor)
 * GET  /inbox/tokens               API tokens: yours (a supervisor: everyone's), create, revoke
 * </pre>
 */
public final class InboxPages implements Consumer<Javalin> {

    private static final Logger log = LoggerFactory.getLogger(InboxPages.class);
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]{1,40}\\.(js|css|svg)");
    private static final Pattern WEBJAR = Pattern.compile("chart\\.js/[0-9.]+/dist/chart\\.umd\\.js");

    private final InboxAuth auth;
    private final AgentDirectory agents;
    private final LoginThrottle throttle;
    private final String language;

    /** @param language the desk's language ({@code zh} or {@code en}): the pages' {@code <html lang>} */
    public InboxPages(InboxAuth auth, AgentDirectory agents, LoginThrottle throttle, String language) {
        this.auth = auth;
        this.agents = agents;
        this.throttle = throttle;
        this.language = language;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/inbox/login", ctx -> html(ctx, "login.html"));
        app.post("/inbox/login", this::login);
        app.post("/inbox/logout", this::logout);
        app.get("/inbox", ctx -> page(ctx, "queue.html", Role.AGENT));
        app.get("/inbox/", ctx -> ctx.redirect("/inbox"));
        app.get("/inbox/conversations/{id}", ctx -> page(ctx, "conversation.html", Role.AGENT));
        app.get("/inbox/drafts", ctx -> page(ctx, "drafts.html", Role.AGENT));
        app.get("/inbox/analytics", ctx -> page(ctx, "analytics.html", Role.SUPERVISOR));
        app.get("/inbox/tokens", ctx -> page(ctx, "tokens.html", Role.AGENT));
        app.get("/inbox/assets/{file}", this::asset);
        app.get("/webjars/<path>", this::webjar);
    }

    private void login(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !"null".equals(origin) && !origin.endsWith("://" + ctx.host())) {
            ctx.status(403).result("cross-site login refused");
            return;
        }
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String address = ctx.ip();
        Optional<Duration> wait = throttle.begin(name, address);
        if (wait.isPresent()) {
            tooManyFailures(ctx, wait.get());
            return;
        }
        Optional<AgentDirectory.Agent> agent = agents.authenticate(name, password.toCharArray());
        if (agent.isEmpty()) {
            log.info("inbox login failed for a name of {} characters", name.length());
            ctx.redirect("/inbox/login?error=1");
            return;
        }
        throttle.succeeded(name, address);
        Sessions.Session s = auth.sessions().open(agent.get().name(), agent.get().role());
        InboxAuth.setCookie(ctx, s.id(), false);
        log.info("inbox login: {}", agent.get().name());
        ctx.redirect("/inbox");
    }

    /** 429 with Retry-After, and the sign-in page saying how long to wait (the password was not checked). */
    private void tooManyFailures(Context ctx, Duration wait) {
        long seconds = wait.toSeconds();
        boolean zh = "zh".equals(Requests.language(ctx, language));
        String when = seconds < 120 ? seconds + (zh ? " 秒" : " seconds")
                : ((seconds + 59) / 60) + (zh ? " 分钟" : " minutes");
        String message = zh ? "登录失败次数过多，请 " + when + "后再试。"
                : "Too many failed sign-ins. Try again in " + when + ".";
        String page = new String(resource("/inbox/login.html"), StandardCharsets.UTF_8).replace(LOGIN_ERROR,
                "<p id=\"login-error\" class=\"error\">" + message + "</p>");
        ctx.status(429).header("Retry-After", String.valueOf(seconds));
        html(ctx, localized(ctx, page.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String LOGIN_ERROR =
            "<p id=\"login-error\" class=\"error hidden\" data-i18n>Wrong name or password.</p>";

    private void logout(Context ctx) {
        auth.session(ctx).ifPresent(s -> {
            String sent = ctx.header(InboxAuth.CSRF_HEADER);
            String form = ctx.formParam("csrf");
            String token = sent != null ? sent : form;
            if (token != null && InboxAuth.constantEquals(token, s.csrf())) {
                auth.sessions().close(s.id());
            }
        });
        InboxAuth.setCookie(ctx, "", true);
        ctx.redirect("/inbox/login");
    }

    private void page(Context ctx, String file, Role role) {
        Optional<Principal> p = auth.principal(ctx).filter(x -> !x.viaToken());
        if (p.isEmpty()) {
            ctx.redirect("/inbox/login");
            return;
        }
        if (!p.get().role().atLeast(role)) {
            ctx.status(403).html("<p>This page needs the supervisor role. <a href=\"/inbox\">Back to the queue</a></p>");
            return;
        }
        html(ctx, file);
    }

    private void html(Context ctx, String file) {
        html(ctx, localized(ctx, withTop(resource("/inbox/" + file))));
    }

    /**
     * The page in the agent's language (their choice, else the desk's): its {@code <html lang>}, which the pages'
     * script reads its texts by.
     */
    private byte[] localized(Context ctx, byte[] page) {
        String language = Requests.language(ctx, this.language);
        String html = new String(page, StandardCharsets.UTF_8);
        return html.replace(HTML_LANG, "<html lang=\"" + language + "\">").getBytes(StandardCharsets.UTF_8);
    }

    private static final String HTML_LANG = "<html lang=\"en\">";

    private static void html(Context ctx, byte[] page) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (!ASSET.matcher(file).matches()) {
            ctx.status(404);
            return;
        }
        byte[] bytes = resourceOrNull("/inbox/assets/" + file);
        if (bytes == null) {
            ctx.status(404);
            return;
        }
        ctx.contentType(type(file)).header("Cache-Control", "no-cache").result(bytes);
    }

    private void webjar(Context ctx) {
        String path = ctx.pathParam("path");
        byte[] bytes = WEBJAR.matcher(path).matches() ? resourceOrNull("/META-INF/resources/webjars/" + path) : null;
        if (bytes == null) {
            ctx.status(404);
            return;
        }
        ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", "max-age=86400").result(bytes);
    }

    private static String type(String file) {
        Map<String, String> types = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
                "svg", "image/svg+xml");
        return types.get(file.substring(file.lastIndexOf('.') + 1));
    }

    /** Every signed-in page shares one header (brand, navigation, who is signed in, live dot): {@code _top.html}. */
    private static byte[] withTop(byte[] page) {
        String html = new String(page, java.nio.charset.StandardCharsets.UTF_8);
        if (!html.contains(TOP_MARKER)) {
            return page;
        }
        String top = new String(resource("/inbox/_top.html"), java.nio.charset.StandardCharsets.UTF_8);
        return html.replace(TOP_MARKER, top.stripTrailing()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final String TOP_MARKER = "<!-- top -->";

    private static byte[] resource(String name) {
        byte[] b = resourceOrNull(name);
        if (b == null) {
            throw new IllegalStateException(name + " is missing from the jar");
        }
        return b;
    }

    private static byte[] resourceOrNull(String name) {
        try (InputStream in = InboxPages.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
