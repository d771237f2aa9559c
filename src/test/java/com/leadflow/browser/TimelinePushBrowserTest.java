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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Two real browsers on one contact: a note written in one appears in the other by server push, without a reload. */
class TimelinePushBrowserTest extends AbstractIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private WebDriver sam;
    private WebDriver olga;
    private ContactForm contact;

    @BeforeEach
    void setUp() throws Exception {
        BrowserSupport.requireChromium();
        LeadflowUserDetails owner = (LeadflowUserDetails) userDetailsService.loadUserByUsername("sam");
        ContactForm form = ContactFixtures.contact("Pusha", "Dvuhbrauzernaya", ContactFixtures.marker());
        form.setOwnerId(owner.user().id());
        form.setTeamId(owner.user().teamId());
        contact = as("admin", () -> contacts.create(form));
        sam = BrowserSupport.startChromium();
        olga = BrowserSupport.startChromium();
    }

    @AfterEach
    void tearDown() {
        if (sam != null) {
            sam.quit();
        }
        if (olga != null) {
            olga.quit();
        }
        if (contact != null) {
            jdbc.update("DELETE FROM contact WHERE id = ?", contact.getId());
        }
    }

    private WebDriverWait waitIn(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(180));
    }

    private void logInAndOpenTheContact(WebDriver driver, String username) throws java.io.IOException {
        driver.get("http://localhost:" + port + "/login");
        WebElement user = waitIn(driver).until(d -> d.findElement(
                By.cssSelector("vaadin-login-form input[name='username']")));
        user.sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("leadflow", Keys.ENTER);
        waitIn(driver).until(d -> !d.getCurrentUrl().contains("/login"));
        driver.get("http://localhost:" + port + "/contact/" + contact.getId());
        try {
            // the creation entry is there (in whatever language this user chose earlier)
            waitIn(driver).until(d -> !d.findElements(By.cssSelector("#timeline-entries .timeline-entry")).isEmpty());
        } catch (RuntimeException e) {
            BrowserSupport.screenshot(driver, "timeline-push-" + username + "-failed");
            System.out.println("Page text: " + driver.findElement(By.tagName("body")).getText());
            throw e;
        }
    }

    @Test
    void aNoteAddedInOneBrowserAppearsInTheOtherWithinSeconds() throws Exception {
        logInAndOpenTheContact(sam, "sam");
        logInAndOpenTheContact(olga, "olga");
        // each sees the other on the contact
        waitIn(olga).until(d -> d.findElement(By.id("contact-viewers")).getText().contains("Sam Carter"));

        String note = "Pushed across browsers " + ContactFixtures.marker();
        WebElement text = waitIn(sam).until(d -> d.findElement(By.cssSelector("#timeline-text textarea")));
        ((JavascriptExecutor) sam).executeScript("arguments[0].scrollIntoView({block: 'center'});", text);
        text.sendKeys(note);
        text.sendKeys(Keys.TAB);
        WebElement add = sam.findElement(By.id("timeline-add"));
        ((JavascriptExecutor) sam).executeScript("arguments[0].scrollIntoView({block: 'center'});", add);
        long clicked = System.nanoTime();
        add.click();

        new WebDriverWait(olga, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(50))
                .until(d -> d.findElement(By.id("timeline-entries")).getText().contains(note));
        long millis = (System.nanoTime() - clicked) / 1_000_000;
        System.out.println("Timeline push between two browsers: " + millis + " ms after the click");
        BrowserSupport.screenshot(olga, "timeline-push-second-browser");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE contact_id = ? AND type = 'NOTE'",
                Integer.class, contact.getId())).isEqualTo(1);
    }
}
