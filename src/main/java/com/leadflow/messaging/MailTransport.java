package com.leadflow.messaging;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Delivers rendered messages over SMTP to the server {@link DeliveryTarget} chose, one connection per batch.
 */
@Component
class MailTransport {

    private volatile Cached cached;

    private record Cached(long version, JavaMailSenderImpl sender) {
    }

    /** A blank session to build messages in (no server needed). */
    MimeMessage newMessage(MessagingSettings settings) {
        return sender(settings).createMimeMessage();
    }

    /**
     * Sends the messages over one connection; returns the error text per message index that failed (empty map:
     * all accepted). A connection failure fails them all.
     */
    Map<Integer, String> send(MessagingSettings settings, List<MimeMessage> messages) {
        Map<Integer, String> failures = new LinkedHashMap<>();
        if (messages.isEmpty()) {
            return failures;
        }
        try {
            sender(settings).send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            Map<Object, Exception> failed = e.getFailedMessages();
            if (failed.isEmpty()) {
                for (int i = 0; i < messages.size(); i++) {
                    failures.put(i, text(e));
                }
            }
            List<MimeMessage> list = new ArrayList<>(messages);
            failed.forEach((message, ex) -> failures.put(indexOf(list, message), text(ex)));
        } catch (RuntimeException e) {
            for (int i = 0; i < messages.size(); i++) {
                failures.put(i, text(e));
            }
        }
        return failures;
    }

    private static int indexOf(List<MimeMessage> list, Object message) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == message) {
                return i;
            }
        }
        return -1;
    }

    private static String text(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : "");
        return msg.length() > 1000 ? msg.substring(0, 1000) : msg;
    }

    private JavaMailSenderImpl sender(MessagingSettings settings) {
        Cached c = cached;
        if (c != null && c.version() == settings.version() && sameServer(c.sender(), settings)) {
            return c.sender();
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setDefaultEncoding("UTF-8");
        if (settings.smtpConfigured()) {
            sender.setHost(settings.smtpHost());
            sender.setPort(settings.smtpPort() == null ? 25 : settings.smtpPort());
            sender.setUsername(settings.smtpUsername());
            sender.setPassword(settings.smtpPassword());
            Properties props = sender.getJavaMailProperties();
            props.put("mail.smtp.auth", String.valueOf(settings.smtpUsername() != null));
            props.put("mail.smtp.starttls.enable", String.valueOf(settings.smtpStartTls()));
            props.put("mail.smtp.connectiontimeout", "10000");
            props.put("mail.smtp.timeout", "20000");
            props.put("mail.smtp.writetimeout", "20000");
        }
        cached = new Cached(settings.version(), sender);
        return sender;
    }

    private static boolean sameServer(JavaMailSenderImpl sender, MessagingSettings s) {
        return java.util.Objects.equals(sender.getHost(), s.smtpHost())
                && (s.smtpPort() == null || sender.getPort() == s.smtpPort());
    }
}
