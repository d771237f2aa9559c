package com.leadflow.messaging;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail, in-process) that the application's messaging settings point at while a test
 * runs; {@link #close()} puts the settings back.
 */
public final class TestMailServer implements AutoCloseable {

    private final GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final JdbcTemplate jdbc;

    public TestMailServer(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        greenMail.start();
        jdbc.update("UPDATE messaging_settings SET smtp_host = '127.0.0.1', smtp_port = ?, version = version + 1 "
                + "WHERE id = 1", greenMail.getSmtp().getPort());
    }

    /** Messages the server accepted for one address. */
    public List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public void stop() {
        greenMail.stop();
    }

    @Override
    public void close() {
        greenMail.stop();
        jdbc.update("UPDATE messaging_settings SET smtp_host = NULL, smtp_port = NULL, version = version + 1 WHERE id = 1");
    }
}
