package com.leadflow.messaging;

import java.io.Serializable;

/**
 * Where mail goes and how often a contact may get an automated email. A blank {@code smtpHost} means no SMTP
 * server: messages are kept in the send log only ("captured", the demo mode).
 */
public record MessagingSettings(String smtpHost, Integer smtpPort, String smtpUsername, String smtpPassword,
                                boolean smtpStartTls, String fromAddress, String fromName, int frequencyCapDays,
                                long version) implements Serializable {

    public boolean smtpConfigured() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    public MessagingSettings withSmtp(String host, Integer port) {
        return new MessagingSettings(host, port, smtpUsername, smtpPassword, smtpStartTls, fromAddress, fromName,
                frequencyCapDays, version);
    }

    /** The same settings delivering to another server (spring.mail.* or the demo server, see DeliveryTarget). */
    public MessagingSettings withServer(String host, Integer port, String username, String password, boolean startTls) {
        return new MessagingSettings(host, port, username, password, startTls, fromAddress, fromName, frequencyCapDays,
                version);
    }

    public MessagingSettings withFrequencyCapDays(int days) {
        return new MessagingSettings(smtpHost, smtpPort, smtpUsername, smtpPassword, smtpStartTls, fromAddress,
                fromName, days, version);
    }
}
