package com.leadflow.cadence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * On first start, the default email templates and the four default cadences of PRODUCT.md, on the four default
 * nurture segments (found by their system keys; editable, and never created twice): inactive SQLs get a content
 * email monthly and a call quarterly; dormant MQLs content every two months; closed-lost leads an email a month
 * from three months after the loss and a review task every six months; inactive unqualified leads nothing.
 */
@Component
@Order(20) // after the demo data (0) and the default segments (10), so enrolment finds the members
class CadenceDefaults implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CadenceDefaults.class);

    record Template(String key, String name, String subjectEn, String bodyEn, String subjectRu, String bodyRu) {
    }

    record Step(StepKind kind, TaskType task, String templateKey, int delay, IntervalUnit delayUnit, int repeat,
                IntervalUnit repeatUnit) {
    }

    record Default(String key, String segmentKey, String name, String description, int priority, List<Step> steps) {
    }

    static final List<Template> TEMPLATES = List.of(
            new Template("MONTHLY_CONTENT", "Monthly content",
                    "{{first_name}}, this month's best reads for {{company}}",
                    "Hello {{first_name}},\n\nhere is what we published this month that teams like {{company}} found "
                            + "useful: new articles on the blog, a short case study and our upcoming webinars.\n\n"
                            + "If anything is worth a conversation, just reply: I am happy to help.\n\n{{owner_signature}}",
                    "{{first_name}}, полезное за месяц для {{company}}",
                    "Здравствуйте, {{first_name}}!\n\nВот что мы опубликовали в этом месяце: новые статьи в блоге, "
                            + "короткий кейс и ближайшие вебинары — командам вроде {{company}} это пригодилось.\n\n"
                            + "Если что-то стоит обсудить, просто ответьте на письмо.\n\n{{owner_signature}}"),
            new Template("BIMONTHLY_CONTENT", "Bimonthly content",
                    "What's new at Leadflow, {{first_name}}",
                    "Hello {{first_name}},\n\na short round-up of the last two months: new site sections, the most read "
                            + "blog posts and invitations to our next events.\n\n{{owner_signature}}",
                    "Что нового, {{first_name}}",
                    "Здравствуйте, {{first_name}}!\n\nКоротко о последних двух месяцах: новые разделы сайта, самые "
                            + "читаемые статьи и приглашения на ближайшие мероприятия.\n\n{{owner_signature}}"),
            new Template("RE_NURTURE", "Re-nurture after a loss",
                    "{{first_name}}, a lot has changed since we last spoke",
                    "Hello {{first_name}},\n\nit has been a while since we last talked with {{company}}. We have "
                            + "improved a lot since then, and teams who looked at us before often find the timing "
                            + "better now. Here is what changed this month.\n\n{{owner_signature}}",
                    "{{first_name}}, с нашего разговора многое изменилось",
                    "Здравствуйте, {{first_name}}!\n\nМы давно не общались с {{company}}. С тех пор многое "
                            + "изменилось к лучшему, и сейчас момент может оказаться удачнее. Вот что нового за "
                            + "месяц.\n\n{{owner_signature}}"));

    static final List<Default> DEFAULTS = List.of(
            new Default("INACTIVE_SQL", "INACTIVE_SQL", "Inactive SQLs: monthly content, quarterly call",
                    "Sales-qualified leads gone quiet: valuable content every month and a personal call every quarter.",
                    10, List.of(
                    new Step(StepKind.EMAIL, null, "MONTHLY_CONTENT", 1, IntervalUnit.DAYS, 1, IntervalUnit.MONTHS),
                    new Step(StepKind.TASK, TaskType.CALL, null, 7, IntervalUnit.DAYS, 3, IntervalUnit.MONTHS))),
            new Default("DORMANT_MQL", "DORMANT_MQL", "Dormant MQLs: content every two months",
                    "Marketing-qualified leads whose short-term workflow ended: site sections, blog posts, invitations.",
                    20, List.of(
                    new Step(StepKind.EMAIL, null, "BIMONTHLY_CONTENT", 1, IntervalUnit.DAYS, 2, IntervalUnit.MONTHS))),
            new Default("CLOSED_LOST", "CLOSED_LOST", "Closed-lost: re-nurture from month three",
                    "Lost leads come back: one email a month starting three months after the loss, and a manual "
                            + "review about every six months.",
                    30, List.of(
                    new Step(StepKind.EMAIL, null, "RE_NURTURE", 3, IntervalUnit.MONTHS, 1, IntervalUnit.MONTHS),
                    new Step(StepKind.TASK, TaskType.REVIEW, null, 6, IntervalUnit.MONTHS, 6, IntervalUnit.MONTHS))),
            new Default("INACTIVE_UNQUALIFIED", "INACTIVE_UNQUALIFIED", "Inactive unqualified: no correspondence",
                    "Unqualified leads are kept but receive nothing: their segment is suppressed, so this cadence has "
                            + "no steps.",
                    40, List.of()));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EnrolmentSync sync;
    private final Clock clock;

    CadenceDefaults(JdbcTemplate jdbc, TransactionTemplate tx, EnrolmentSync sync, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.sync = sync;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> createMissing());
    }

    void createMissing() {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        for (Template t : TEMPLATES) {
            if (exists("SELECT EXISTS (SELECT 1 FROM email_template WHERE system_key = ?)", t.key())) {
                continue;
            }
            jdbc.update("""
                    INSERT INTO email_template (system_key, name, subject_en, html_en, text_en, subject_ru, html_ru,
                                                text_ru, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    t.key(), t.name(), t.subjectEn(), html(t.bodyEn(), "Unsubscribe"), text(t.bodyEn(), "Unsubscribe"),
                    t.subjectRu(), html(t.bodyRu(), "Отписаться"), text(t.bodyRu(), "Отписаться"), at, at);
        }
        for (Default d : DEFAULTS) {
            List<Long> segment = jdbc.queryForList("SELECT id FROM segment WHERE system_key = ?", Long.class,
                    d.segmentKey());
            if (segment.isEmpty() || exists("SELECT EXISTS (SELECT 1 FROM cadence WHERE system_key = ?)", d.key())) {
                continue;
            }
            jdbc.update("INSERT INTO cadence (system_key, name, description, segment_id, priority, active, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)", d.key(), d.name(), d.description(),
                    segment.getFirst(), d.priority(), at, at);
            long id = jdbc.queryForObject("SELECT id FROM cadence WHERE system_key = ?", Long.class, d.key());
            int position = 1;
            for (Step s : d.steps()) {
                Long template = s.templateKey() == null ? null : jdbc.queryForObject(
                        "SELECT id FROM email_template WHERE system_key = ?", Long.class, s.templateKey());
                jdbc.update("INSERT INTO cadence_step (cadence_id, position, kind, task_type, template_id, delay_amount, "
                        + "delay_unit, repeat_amount, repeat_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, position++,
                        s.kind().name(), s.task() == null ? null : s.task().name(), template, s.delay(),
                        s.delayUnit().name(), s.repeat(), s.repeatUnit().name());
            }
            long started = System.nanoTime();
            EnrolmentSync.Result r = sync.sync(id, null, now);
            log.info("Default cadence '{}' created, {} contacts enrolled in {} ms", d.name(), r.enrolled(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The HTML version of a plain default body: escaped paragraphs and the unsubscribe link at the foot. */
    static String html(String body, String unsubscribe) {
        StringBuilder out = new StringBuilder("<div style=\"font-family:sans-serif;font-size:15px;line-height:1.5\">");
        for (String paragraph : body.split("\n\n")) {
            out.append("<p>").append(paragraph.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>"))
                    .append("</p>");
        }
        return out.append("<p style=\"font-size:12px;color:#777\"><a href=\"{{unsubscribe_url}}\">")
                .append(unsubscribe).append("</a></p></div>").toString();
    }

    static String text(String body, String unsubscribe) {
        return body + "\n\n--\n" + unsubscribe + ": {{unsubscribe_url}}\n";
    }

    private boolean exists(String sql, Object... params) {
        return Boolean.TRUE.equals(jdbc.queryForObject(sql, Boolean.class, params));
    }
}
