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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What only a real browser proves: log in, see the contact list, open a contact, save a change. */
class ContactEditBrowserTest extends AbstractIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ContactService contacts;
    @Autowired
    JdbcTemplate jdbc;

    private WebDriver driver;
    private WebDriverWait wait;
    private ContactForm contact;

    @BeforeEach
    void setUp() throws Exception {
        BrowserSupport.requireChromium();
        LeadflowUserDetails sam = (LeadflowUserDetails) userDetailsService.loadUserByUsername("sam");
        ContactForm form = ContactFixtures.contact("Galina", "Browserova", ContactFixtures.marker());
        form.setOwnerId(sam.user().id());
        form.setTeamId(sam.user().teamId());
        contact = as("admin", () -> contacts.create(form));
        driver = BrowserSupport.startChromium();
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Vaadin components keep their inputs in light DOM slots; find the native input inside a field. */
    private WebElement input(String fieldId) {
        return wait.until(d -> d.findElement(By.cssSelector("#" + fieldId + " input")));
    }

    @Test
    void logInSeeContactsOpenOneAndSaveAChange() throws Exception {
        driver.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("demo-accounts")));
        BrowserSupport.screenshot(driver, "01-login");

        WebElement username = wait.until(d -> d.findElement(By.cssSelector("vaadin-login-form input[name='username']")));
        username.sendKeys("sam");
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("leadflow", Keys.ENTER);

        // the contact list, searched down to our contact
        WebElement search = input("contact-search");
        search.sendKeys(contact.getCompany());
        wait.until(d -> ((JavascriptExecutor) d).executeScript(
                "const g = document.getElementById('contacts-grid');"
                        + "return g && g._dataProviderController && g.innerText.includes('Galina Browserova');")
                .equals(Boolean.TRUE)
                || d.findElement(By.id("contacts-grid")).getText().contains("Galina Browserova"));
        BrowserSupport.screenshot(driver, "02-contacts");

        driver.get("http://localhost:" + port + "/contact/" + contact.getId());
        WebElement city = input("city");
        wait.until(ExpectedConditions.attributeToBe(input("firstName"), "value", "Galina"));
        city.sendKeys("Novosibirsk");
        city.sendKeys(Keys.TAB);
        WebElement save = driver.findElement(By.id("save"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", save);
        save.click();

        wait.until(d -> "Novosibirsk".equals(jdbc.queryForObject(
                "SELECT city FROM contact WHERE id = ?", String.class, contact.getId())));
        BrowserSupport.screenshot(driver, "03-profile-saved");
        assertThat(jdbc.queryForObject("SELECT version FROM contact WHERE id = ?", Long.class, contact.getId()))
                .isEqualTo(contact.getVersion() + 1);
    }
}
