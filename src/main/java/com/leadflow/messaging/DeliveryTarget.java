package com.leadflow.messaging;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the outbox delivers, first that applies: the SMTP server an admin set in Mail settings; the one the
 * deployment configures with {@code spring.mail.host/port/username/password} (and
 * {@code spring.mail.properties.mail.smtp.starttls.enable}); demo mode's in-process server; else nowhere — the
 * message is rendered and kept in the send log only ("captured").
 */
@Component
class DeliveryTarget {

    static final String SMTP = "SMTP";
    static final String DEMO_SMTP = "DEMO_SMTP";
    static final String CAPTURED = "CAPTURED";

    private final Environment env;
    private final DemoMailServer demo;

    DeliveryTarget(Environment env, DemoMailServer demo) {
        this.env = env;
        this.demo = demo;
    }

    /** The settings with the server they deliver to filled in (no host: captured). */
    MessagingSettings resolve(MessagingSettings settings) {
        if (settings.smtpConfigured()) {
            return settings;
        }
        String host = env.getProperty("spring.mail.host");
        if (host != null && !host.isBlank()) {
            return settings.withServer(host.trim(), env.getProperty("spring.mail.port", Integer.class, 25),
                    env.getProperty("spring.mail.username"), env.getProperty("spring.mail.password"),
                    env.getProperty("spring.mail.properties.mail.smtp.starttls.enable", Boolean.class, false));
        }
        if (demo.running()) {
            return settings.withServer("127.0.0.1", demo.port(), null, null, false);
        }
        return settings;
    }

    /** How a message sent with these (stored) settings is recorded in the send log. */
    String transport(MessagingSettings settings) {
        if (settings.smtpConfigured()) {
            return SMTP;
        }
        String host = env.getProperty("spring.mail.host");
        if (host != null && !host.isBlank()) {
            return SMTP;
        }
        return demo.running() ? DEMO_SMTP : CAPTURED;
    }

    /** A line for the screens: where mail goes now. */
    String describe(MessagingSettings settings) {
        MessagingSettings resolved = resolve(settings);
        return resolved.smtpConfigured() ? resolved.smtpHost() + ":" + resolved.smtpPort() : "";
    }
}
