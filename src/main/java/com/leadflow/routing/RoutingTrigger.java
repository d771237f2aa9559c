package com.leadflow.routing;

import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.timeline.ActivityRecordedEvent;
import com.leadflow.timeline.ActivityType;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts routing for new contacts and for contacts that re-enter the funnel (a funnel-move timeline entry whose
 * payload says the status went from LOST or UNQUALIFIED back to OPEN). A new contact is known by its
 * {@link ContactChangedEvent} CREATED (the UI, the API, forms) or by its CONTACT_CREATED timeline entry, which every
 * creating path writes in its transaction — a file import announces CREATED only later, from the background
 * re-evaluation, so its entries are what routes it promptly. The contacts of one transaction are collected and
 * routed together once it has committed, in a new transaction, as the system: a routing failure never undoes the
 * contact that was saved. A few contacts (a person's save) are routed at once, before the save returns; a bigger
 * batch (an import's) goes to one background worker, which routes everything waiting as one batch, so an import is
 * not slowed down by routing and its batches are routed together. The router routes a new lead once, however often
 * it is announced.
 */
@Component
class RoutingTrigger {

    private static final Logger log = LoggerFactory.getLogger(RoutingTrigger.class);

    private final Router router;
    private final RoutingStore store;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;
    private final Backlog backlog = new Backlog(this::routeBacklog);

    RoutingTrigger(Router router, RoutingStore store, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.router = router;
        this.store = store;
        this.jdbc = jdbc;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void onContactChanged(ContactChangedEvent event) {
        if (event.kind() == ContactChangedEvent.Kind.CREATED) {
            Pending pending = pending();
            pending.created.add(event.contactId());
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                routeNow(pending);
            }
        }
    }

    @EventListener
    void onActivity(ActivityRecordedEvent event) {
        if (event.type() == ActivityType.CONTACT_CREATED) {
            Pending pending = pending();
            pending.created.add(event.contactId());
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                routeNow(pending);
            }
        } else if (event.type() == ActivityType.FUNNEL_MOVE && reopened(event.activityId())) {
            Pending pending = pending();
            pending.reentered.add(event.contactId());
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                routeNow(pending);
            }
        }
    }

    private boolean reopened(long activityId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM activity a,
                    JSON_TABLE(CASE WHEN JSON_TYPE(a.payload) = 'ARRAY' THEN a.payload ELSE '[]' END, '$[*]' COLUMNS (
                        field VARCHAR(40) PATH '$.field', old_value VARCHAR(40) PATH '$.oldValue',
                        new_value VARCHAR(40) PATH '$.newValue')) ch
                    WHERE a.id = ? AND ch.field = 'status' AND ch.old_value IN ('LOST', 'UNQUALIFIED')
                      AND ch.new_value = 'OPEN')""", Boolean.class, activityId));
    }

    /** The contacts this transaction created or reopened, routed together after it commits. */
    private Pending pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new Pending(); // published outside a transaction: routed at once
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(Pending.class, pending);
            Pending registered = pending;
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    return Ordered.LOWEST_PRECEDENCE; // after scoring, which routing rules may test
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Pending.class);
                    if (status == STATUS_COMMITTED) {
                        routeNow(registered);
                    }
                }
            });
        }
        return pending;
    }

    /** Routes as the system (no logged-in author on the timeline), in a transaction of its own. */
    void routeNow(Pending pending) {
        Set<Long> reentered = new LinkedHashSet<>(pending.reentered);
        reentered.removeAll(pending.created);
        boolean inBackground = pending.created.size() > Router.LIVE_CHANGE_LIMIT;
        if (inBackground) {
            backlog.add(pending.created);
        }
        SecurityContext caller = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            if (!store.settings().enabled()) {
                return;
            }
            if (!inBackground) {
                run(List.copyOf(pending.created), RoutingCause.CREATED);
            }
            run(List.copyOf(reentered), RoutingCause.REENTRY);
        } finally {
            SecurityContextHolder.setContext(caller);
        }
    }

    /** Routes the new contacts waiting in the background worker's backlog, as one batch, as the system. */
    private void routeBacklog(List<Long> ids) {
        SecurityContextHolder.clearContext();
        if (store.settings().enabled()) {
            run(ids, RoutingCause.CREATED);
        }
    }

    /** Waits until the background worker has routed every new contact handed to it (tests, benchmarks). */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return backlog.awaitIdle(timeout);
    }

    @PreDestroy
    void stop() {
        backlog.stop();
    }

    private void run(List<Long> ids, RoutingCause cause) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            newTransaction.executeWithoutResult(tx -> router.route(ids, cause, null));
        } catch (RuntimeException e) {
            // the contacts are saved; without an owner they show in the contact list and the next route again
            log.error("Routing {} contacts ({}) failed", ids.size(), cause, e);
        }
    }

    /**
     * New contacts of big batches, routed by one background thread: each round takes everything waiting (up to
     * {@link #MAX_BATCH}), so the 500-row batches of an import are routed together while the import goes on.
     * In memory: after a restart, leads that were still waiting show unowned in the contact list, where "route
     * again" routes them.
     */
    static final class Backlog {
        static final int MAX_BATCH = 20_000;

        private final Set<Long> waiting = new LinkedHashSet<>();
        private final java.util.function.Consumer<List<Long>> route;
        private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "routing-backlog");
            t.setDaemon(true);
            return t;
        });
        private boolean busy;

        Backlog(java.util.function.Consumer<List<Long>> route) {
            this.route = route;
        }

        synchronized void add(Collection<Long> ids) {
            waiting.addAll(ids);
            if (!busy) {
                busy = true;
                worker.submit(this::drain);
            }
        }

        private void drain() {
            while (true) {
                List<Long> batch = new ArrayList<>();
                synchronized (this) {
                    Iterator<Long> it = waiting.iterator();
                    while (it.hasNext() && batch.size() < MAX_BATCH) {
                        batch.add(it.next());
                        it.remove();
                    }
                    if (batch.isEmpty()) {
                        busy = false;
                        notifyAll();
                        return;
                    }
                }
                try {
                    route.accept(batch);
                } catch (RuntimeException e) {
                    log.error("Routing {} new contacts in the background failed", batch.size(), e);
                }
            }
        }

        synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (busy) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }

        void stop() {
            worker.shutdownNow();
        }
    }

    static final class Pending {
        final Set<Long> created = new LinkedHashSet<>();
        final Set<Long> reentered = new LinkedHashSet<>();
    }
}
