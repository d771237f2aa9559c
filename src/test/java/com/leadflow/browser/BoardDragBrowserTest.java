package com.leadflow.browser;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactService;
import com.leadflow.security.LeadflowUserDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnel board in real browsers: one user drags a card to another column, and a second, separately logged-in
 * user's open board shows it there by server push, without reloading.
 */
class BoardDragBrowserTest extends AbstractIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private WebDriver mover;
    private WebDriver watcher;
    private ContactForm contact;

    @BeforeEach
    void setUp() throws Exception {
        BrowserSupport.requireChromium();
        LeadflowUserDetails sam = (LeadflowUserDetails) userDetailsService.loadUserByUsername("sam");
        ContactForm form = ContactFixtures.contact("Dmitri", "Dragov", ContactFixtures.marker());
        form.setOwnerId(sam.user().id());
        form.setTeamId(sam.user().teamId());
        form.setFunnelStage("INTERESTED");
        contact = as("admin", () -> contacts.create(form));
        mover = BrowserSupport.startChromium();
        watcher = BrowserSupport.startChromium();
    }

    @AfterEach
    void tearDown() {
        if (mover != null) {
            mover.quit();
        }
        if (watcher != null) {
            watcher.quit();
        }
        if (contact != null) {
            jdbc.update("DELETE FROM contact WHERE id = ?", contact.getId());
        }
    }

    private WebDriverWait waitIn(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    private void logInAndOpenBoard(WebDriver driver, String username) {
        driver.get("http://localhost:" + port + "/login");
        WebElement name = waitIn(driver).until(d -> d.findElement(
                By.cssSelector("vaadin-login-form input[name='username']")));
        name.sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("leadflow", Keys.ENTER);
        waitIn(driver).until(ExpectedConditions.urlToBe("http://localhost:" + port + "/"));
        driver.get("http://localhost:" + port + "/board?owner=all&q=" + contact.getCompany());
        waitIn(driver).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#column-INTERESTED #card-" + contact.getId())));
    }

    @Test
    void dragACardToAnotherColumnAndASecondSessionSeesItThere() throws Exception {
        logInAndOpenBoard(mover, "maria");
        logInAndOpenBoard(watcher, "sam");
        BrowserSupport.screenshot(mover, "board-01-before");

        WebElement card = mover.findElement(By.id("card-" + contact.getId()));
        WebElement target = mover.findElement(By.cssSelector("#column-REQUEST_SENT .board-column-cards"));
        new Actions(mover).dragAndDrop(card, target).perform();
        boolean realDrag = movedWithin(Duration.ofSeconds(5));
        System.out.println("Board drag and drop: " + (realDrag ? "Selenium mouse drag" : "DOM drag events"));
        if (!realDrag) {
            // ChromeDriver's synthetic mouse does not always start HTML5 drag and drop: fire the browser's own
            // drag events (dragstart, dragenter, dragover, drop, dragend) on the same elements instead
            ((JavascriptExecutor) mover).executeScript("""
                    const source = arguments[0], target = arguments[1];
                    const data = new DataTransfer();
                    const fire = (el, type) => el.dispatchEvent(new DragEvent(type,
                        {bubbles: true, cancelable: true, composed: true, dataTransfer: data}));
                    fire(source, 'dragstart');
                    fire(target, 'dragenter');
                    fire(target, 'dragover');
                    fire(target, 'drop');
                    fire(source, 'dragend');""", card, target);
        }

        waitIn(mover).until(d -> "REQUEST_SENT".equals(stage()));
        waitIn(mover).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#column-REQUEST_SENT #card-" + contact.getId())));
        BrowserSupport.screenshot(mover, "board-02-dragged");

        // the other session: pushed, no reload
        waitIn(watcher).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#column-REQUEST_SENT #card-" + contact.getId())));
        assertThat(watcher.findElements(By.cssSelector("#column-INTERESTED #card-" + contact.getId()))).isEmpty();
        assertThat(watcher.findElement(By.id("count-REQUEST_SENT")).getText()).isEqualTo("1");
        BrowserSupport.screenshot(watcher, "board-03-pushed");
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM funnel_stage_history WHERE contact_id = ? AND to_stage = 'REQUEST_SENT'",
                Integer.class, contact.getId())).isEqualTo(1);
    }

    @Test
    void theMoveButtonOpensTheColumnMenuForItsCardAndAClickElsewhereOpensTheProfile() throws Exception {
        logInAndOpenBoard(mover, "maria");
        mover.findElement(By.id("card-move-" + contact.getId())).click();
        WebElement item = waitIn(mover).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-context-menu-item#move-INTERESTED-ACTIVE_REQUEST")));
        BrowserSupport.screenshot(mover, "board-04-move-menu");
        item.click();
        waitIn(mover).until(d -> "ACTIVE_REQUEST".equals(stage()));
        waitIn(mover).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#column-ACTIVE_REQUEST #card-" + contact.getId())));

        // the card's name (not its move button) opens the profile, and no menu
        mover.findElement(By.cssSelector("#card-" + contact.getId() + " .board-card-name")).click();
        waitIn(mover).until(ExpectedConditions.urlContains("/contact/" + contact.getId()));
    }

    private String stage() {
        return jdbc.queryForObject("SELECT funnel_stage FROM contact WHERE id = ?", String.class, contact.getId());
    }

    private boolean movedWithin(Duration timeout) {
        long end = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < end) {
            if ("REQUEST_SENT".equals(stage())) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
