package com.leadflow.messaging;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Signed unsubscribe links: the token is the contact id and an HMAC-SHA256 of it under the secret kept in
 * {@code messaging_settings}, so a link cannot be forged for another contact and needs no login.
 */
@Component
public class UnsubscribeTokens {

    private final JdbcTemplate jdbc;
    private final String publicUrl;
    private volatile byte[] secret;

    UnsubscribeTokens(JdbcTemplate jdbc, @Value("${leadflow.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String token(long contactId) {
        return contactId + "." + signature(contactId);
    }

    public String url(long contactId) {
        return publicUrl + "/unsubscribe/" + token(contactId);
    }

    /** The contact a token was made for, or empty when it was tampered with or is malformed. */
    public OptionalLong verify(String token) {
        if (token == null) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return OptionalLong.empty();
        }
        long contactId;
        try {
            contactId = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        byte[] expected = signature(contactId).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? OptionalLong.of(contactId) : OptionalLong.empty();
    }

    private String signature(long contactId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] sig = mac.doFinal(("unsubscribe:" + contactId).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] secret() {
        byte[] s = secret;
        if (s == null) {
            s = jdbc.queryForObject("SELECT token_secret FROM messaging_settings WHERE id = 1", String.class)
                    .getBytes(StandardCharsets.US_ASCII);
            secret = s;
        }
        return s;
    }
}
