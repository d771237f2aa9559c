package com.leadflow.browser;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.segment.MembershipReason;
import com.leadflow.segment.SegmentLiveEvaluator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What only a real browser proves: the calendar renders, and a task dragged to another day moves there. */
class CadenceCalendarBrowserTest extends AbstractIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SegmentLiveEvaluator segments;

    private WebDriver driver;
    private WebDriverWait wait;
    private long contactId;

    @BeforeEach
    void setUp() throws Exception {
        BrowserSupport.requireChromium();
        // an inactive SQL of sam's: enrolled, with a call planned in a week
        Instant now = Instant.now();
        String email = "drag-" + UUID.randomUUID().toString().substring(0, 10) + "@example.com";
        Timestamp quiet = Timestamp.from(now.minus(Duration.ofDays(150)));
        jdbc.update("INSERT INTO contact (first_name, last_name, email, lifecycle_stage, status, owner_id, team_id, "
                + "created_at, updated_at, last_activity_at) SELECT 'Drag', 'Drop', ?, 'SQL', 'OPEN', id, team_id, ?, ?, ? "
                + "FROM app_user WHERE username = 'sam'", email, quiet, quiet, quiet);
        contactId = jdbc.queryForObject("SELECT id FROM contact WHERE email = ?", Long.class, email);
        segments.reevaluate(contactId, MembershipReason.CONTACT_CHANGED, now);
        driver = BrowserSupport.startChromium();
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.quit();
        }
        jdbc.update("DELETE FROM contact WHERE id = ?", contactId);
    }

    @Test
    void openTheCalendarAndDragATaskToAnotherDay() throws Exception {
        long touchId = jdbc.queryForObject("SELECT id FROM scheduled_touch WHERE contact_id = ? AND kind = 'TASK'",
                Long.class, contactId);
        Instant due = jdbc.queryForObject("SELECT due_at FROM scheduled_touch WHERE id = ?", Timestamp.class, touchId)
                .toInstant();

        driver.get("http://localhost:" + port + "/login");
        WebElement username = wait.until(d -> d.findElement(By.cssSelector("vaadin-login-form input[name='username']")));
        username.sendKeys("sam");
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("leadflow", Keys.ENTER);
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("login")));
        driver.get("http://localhost:" + port + "/calendar");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("calendar-grid")));

        // the browser's time zone decides the calendar's days; the chip carries its touch id
        By chipLocator = By.cssSelector(".cadence-item[data-touch='" + touchId + "']");
        for (int i = 0; i < 2 && driver.findElements(chipLocator).isEmpty(); i++) {
            driver.findElement(By.id("calendar-next")).click();
            Thread.sleep(500);
        }
        WebElement chip = wait.until(d -> d.findElement(chipLocator));
        BrowserSupport.screenshot(driver, "cadence-01-calendar");
        WebElement from = chip.findElement(By.xpath("./ancestor::div[contains(@class,'cadence-day')][1]"));
        LocalDate fromDay = LocalDate.parse(from.getAttribute("data-day"));
        LocalDate toDay = fromDay.plusDays(fromDay.getDayOfWeek().getValue() < 6 ? 1 : -1);
        WebElement to = driver.findElement(By.cssSelector(".cadence-day[data-day='" + toDay + "']"));

        // HTML5 drag and drop, as the browser fires it (Selenium's mouse actions do not start a native drag)
        ((JavascriptExecutor) driver).executeScript("""
                const src = arguments[0], dst = arguments[1];
                const dt = new DataTransfer();
                const fire = (el, type) => el.dispatchEvent(new DragEvent(type,
                        {bubbles: true, cancelable: true, composed: true, dataTransfer: dt}));
                fire(src, 'dragstart');
                fire(dst, 'dragenter');
                fire(dst, 'dragover');
                fire(dst, 'drop');
                fire(src, 'dragend');
                """, chip, to);

        wait.until(d -> {
            Timestamp now = jdbc.queryForObject("SELECT due_at FROM scheduled_touch WHERE id = ?", Timestamp.class, touchId);
            return !now.toInstant().equals(due);
        });
        Instant moved = jdbc.queryForObject("SELECT due_at FROM scheduled_touch WHERE id = ?", Timestamp.class, touchId)
                .toInstant();
        assertThat(Duration.between(due, moved).abs()).isEqualTo(Duration.ofDays(1));
        wait.until(d -> !d.findElements(By.cssSelector(".cadence-day[data-day='" + toDay + "'] .cadence-item[data-touch='"
                + touchId + "']")).isEmpty());
        BrowserSupport.screenshot(driver, "cadence-02-dragged");
    }

    @SuppressWarnings("unused")
    private static ZoneId zone() {
        return ZoneId.systemDefault();
    }
}
