package com.leadflow.security;

import com.leadflow.AbstractIntegrationTest;
import com.leadflow.demo.DemoAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The real login form endpoint: five wrong passwords lock the account for a minute, even for the right one. */
class LoginThrottleIntegrationTest extends AbstractIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;

    private HttpResponse<String> postLogin(String username, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rightPasswordLogsIn() throws Exception {
        HttpResponse<String> response = postLogin("dmitry", DemoAccount.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void fiveWrongPasswordsLockTheAccount() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = postLogin("ivan", "wrong-password-" + i);
            assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        }
        assertThat(throttle.isLocked("ivan")).isTrue();

        HttpResponse<String> right = postLogin("ivan", DemoAccount.PASSWORD);
        assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

        throttle.recordSuccess("ivan"); // unlock for other tests in this context
    }
}
