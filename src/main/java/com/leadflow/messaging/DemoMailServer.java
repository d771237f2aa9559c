package com.leadflow.messaging;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Demo mode's own SMTP server (GreenMail, in-process, on 127.0.0.1 only): without a configured server the outbox
 * delivers to it over real SMTP, and "Sent mail" shows each message as this server received it. It runs only when
 * demo mode is on and no {@code spring.mail.host} is configured. It keeps the newest {@value #KEPT} messages in
 * memory (raw source), not in mailboxes, so a long-running demo does not grow without bound.
 */
@Component
public class DemoMailServer implements DisposableBean {

    static final int KEPT = 500;
    private static final int MAX_SOURCE = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

    /** One message as the server received it: the envelope, when, and the raw source (headers and MIME body). */
    public record Received(Instant at, String envelopeTo, String messageId, String idempotencyKey, String subject,
                           String source) {
    }

    private final GreenMail server;
    private final Deque<Received> received = new ArrayDeque<>();
    private final Clock clock;
    private long total;

    DemoMailServer(Environment env, Clock clock, @Value("${leadflow.demo.enabled:true}") boolean demo,
                   @Value("${leadflow.mail.demo-port:0}") int port) {
        this.clock = clock;
        String springMailHost = env.getProperty("spring.mail.host");
        if (!demo || (springMailHost != null && !springMailHost.isBlank())) {
            server = null;
            return;
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.getUserManager().setMessageDeliveryHandler((message, to) -> new RecordingUser(to));
        server.start();
        log.info("Demo mode: in-process SMTP server on 127.0.0.1:{} receives the outbox's mail (set spring.mail.host "
                + "or an SMTP server in Mail settings to deliver for real)", port());
    }

    public boolean running() {
        return server != null;
    }

    /** The port it listens on (0 when not running). */
    public int port() {
        return server == null ? 0 : server.getSmtp().getPort();
    }

    /** How many messages it has received since the application started. */
    public synchronized long receivedCount() {
        return total;
    }

    /** The newest received messages first, at most {@value #KEPT}. */
    public synchronized List<Received> latest(int limit) {
        List<Received> list = new ArrayList<>(Math.min(limit, received.size()));
        for (Received r : received) {
            if (list.size() == limit) {
                break;
            }
            list.add(r);
        }
        return list;
    }

    /** The copies received for one outbox message (more than one after a re-send under the same Message-ID). */
    public synchronized List<Received> byIdempotencyKey(String key) {
        return received.stream().filter(r -> key.equals(r.idempotencyKey())).toList();
    }

    private synchronized void record(Received r) {
        received.addFirst(r);
        total++;
        while (received.size() > KEPT) {
            received.removeLast();
        }
    }

    @Override
    public void destroy() {
        if (server != null) {
            server.stop();
        }
    }

    /** A mailbox that only records what is delivered to it. */
    private final class RecordingUser implements GreenMailUser {

        private final String email;

        RecordingUser(MailAddress to) {
            this.email = to.getEmail();
        }

        @Override
        public void deliver(MovingMessage message) {
            deliver(message.getMessage());
        }

        @Override
        public void deliver(MimeMessage message) {
            try {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                String source = raw.toString(StandardCharsets.UTF_8);
                if (source.length() > MAX_SOURCE) {
                    source = source.substring(0, MAX_SOURCE) + "\n[… cut at " + MAX_SOURCE + " characters]";
                }
                String[] key = message.getHeader("X-Leadflow-Idempotency-Key");
                record(new Received(clock.instant(), email, message.getMessageID(),
                        key == null || key.length == 0 ? null : key[0], message.getSubject(), source));
            } catch (MessagingException | IOException e) {
                log.warn("Demo SMTP server could not read a message to {}: {}", email, e.getMessage());
            }
        }

        @Override
        public String getEmail() {
            return email;
        }

        @Override
        public String getLogin() {
            return email;
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) {
        }

        @Override
        public String getQualifiedMailboxName() {
            return email;
        }
    }
}
