package dev.baton.core.handoff.routing;

import dev.baton.core.config.Localized;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Routes a new handoff, inside its transaction: picks the group (the policy's target when it names a configured group,
 * else the best fit by skills, see {@link GroupRouter}) and, when that group is outside its business hours, the notice
 * that tells the customer when a person will be back. Immutable and thread-safe.
 */
public final class Routing {

    /** Default off-hours text; {@code {opens}} is the next opening in the group's time zone. */
    public static final Localized OFF_HOURS = Localized.of(
            "现在是非工作时间，您的请求已在排队中，人工客服将于 {opens} 上班后第一时间回复您，无需重复描述。您也可以先留言补充细节。",
            "Our team is offline right now. Your request is saved in the queue and an agent will reply when we "
                    + "open again ({opens}); you won't need to repeat yourself. Feel free to leave any details here.");

    private final GroupRouter router;

    public Routing(List<Group> groups) {
        this.router = new GroupRouter(groups);
    }

    /** No groups configured: every ticket keeps the policy's group, which is always open. */
    public static Routing none() {
        return new Routing(List.of());
    }

    /** The configured groups' names, in config order. */
    public List<String> groupNames() {
        return router.groups().stream().map(Group::name).toList();
    }

    public Optional<Group> group(String name) {
        return router.group(name);
    }

    /** The group a new handoff goes to. */
    public String route(String target, String intent, String tier, String language) {
        return router.route(target, intent, tier, language);
    }

    /** True when {@code group} is outside its business hours at {@code now} (a group without hours never is). */
    public boolean closed(String group, Instant now) {
        return !hours(group).isOpen(now);
    }

    /** What to tell a customer queued in {@code group} at {@code now}, when the group is closed then. */
    public Optional<String> offHoursNotice(String group, String language, Instant now) {
        Optional<Group> g = router.group(group);
        BusinessHours hours = hours(group);
        if (hours.isOpen(now)) {
            return Optional.empty();
        }
        Localized text = g.map(Group::offHoursMessage).orElse(null);
        String opens = hours.nextOpening(now).map(t -> describe(t, language)).orElse("?");
        return Optional.of((text != null ? text : OFF_HOURS).format(language, Map.of("opens", opens)));
    }

    private BusinessHours hours(String group) {
        return router.group(group).map(x -> BusinessHours.of(x.hours())).orElse(BusinessHours.always());
    }

    static String describe(ZonedDateTime t, String language) {
        boolean zh = language != null && language.startsWith("zh");
        DateTimeFormatter f = zh ? DateTimeFormatter.ofPattern("M月d日 EEEE HH:mm", Locale.CHINA)
                : DateTimeFormatter.ofPattern("EEEE d MMM, HH:mm", Locale.ENGLISH);
        return t.format(f) + " (" + t.getZone().getId() + ")";
    }
}
