package com.leadflow.timeline;

import com.leadflow.contact.ContactBatchReevaluator;
import com.leadflow.contact.ContactChangedEvent;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Re-evaluates (score, lifecycle, segments) the contacts that ingested events touched, in the background and once
 * per contact however many events arrived for it meanwhile. The API request commits and its entries are pushed at
 * once; a burst of one visitor's page views costs one re-evaluation. Each chunk publishes
 * {@link ContactChangedEvent}{@code (UPDATED)} in a transaction of its own, so the rule listeners run after that
 * commit in this worker, exactly as they do after a person's save. A backlog of at least {@value #BATCH_FROM}
 * contacts (an import, a burst of ingestion) is re-evaluated {@value #BATCH} at a time with one read of them
 * by every {@link ContactBatchReevaluator} (rules, then cadences); their events then say so, and only the other
 * listeners (routing, open screens) react one by one.
 */
@Component
public class ContactReevaluationQueue {

    private static final Logger log = LoggerFactory.getLogger(ContactReevaluationQueue.class);
    private static final int CHUNK = 50;
    public static final int BATCH_FROM = 200;
    private static final int BATCH_ATTEMPTS = 3;
    static final int BATCH = 2_000;

    /** Contact → what happened to it; CREATED wins over UPDATED (routing must hear that a contact is new). */
    private final Map<Long, ContactChangedEvent.Kind> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "contact-reevaluation");
        t.setDaemon(true);
        return t;
    });
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<ContactBatchReevaluator> batches;

    ContactReevaluationQueue(TransactionTemplate transactions, ApplicationEventPublisher events,
                             ObjectProvider<ContactBatchReevaluator> batches) {
        this.transactions = transactions;
        this.events = events;
        this.batches = batches;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Queues these changed contacts once the caller's transaction has committed (at once when there is none). */
    public void afterCommit(Collection<Long> contactIds) {
        afterCommit(contactIds, ContactChangedEvent.Kind.UPDATED);
    }

    /** The same for contacts created in bulk (an import): they are announced as CREATED. */
    public void afterCommit(Collection<Long> contactIds, ContactChangedEvent.Kind kind) {
        List<Long> ids = List.copyOf(contactIds);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueue(ids, kind);
                }
            });
        } else {
            enqueue(ids, kind);
        }
    }

    /** How many contacts wait for re-evaluation now. */
    public int backlog() {
        return pending.size() + (draining.get() ? 1 : 0);
    }

    /** Waits until every queued contact was re-evaluated (tests and benchmarks); false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (backlog() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void enqueue(List<Long> ids, ContactChangedEvent.Kind kind) {
        for (Long id : ids) {
            pending.merge(id, kind, (a, b) -> a == ContactChangedEvent.Kind.CREATED ? a : b);
        }
        if (draining.compareAndSet(false, true)) {
            worker.submit(this::drain);
        }
    }

    private void drain() {
        try {
            while (!pending.isEmpty()) {
                List<ContactBatchReevaluator> batchers = batches.orderedStream().toList();
                if (!batchers.isEmpty() && pending.size() >= BATCH_FROM) {
                    List<ContactChangedEvent> taken = take(BATCH);
                    List<Long> ids = taken.stream().map(ContactChangedEvent::contactId).toList();
                    boolean decided = false;
                    // a batch's writes can lose a deadlock to concurrent ingestion: tried again before giving up
                    for (int attempt = 1; attempt <= BATCH_ATTEMPTS && !decided; attempt++) {
                        try {
                            for (ContactBatchReevaluator batcher : batchers) {
                                batcher.reevaluate(ids);
                            }
                            decided = true;
                        } catch (PessimisticLockingFailureException e) {
                            log.info("Batch re-evaluation of {} contacts lost a lock conflict (attempt {})",
                                    taken.size(), attempt);
                        } catch (RuntimeException e) {
                            log.warn("Batch re-evaluation of {} contacts failed", taken.size(), e);
                            break;
                        }
                    }
                    if (!decided) {
                        // nothing is lost: the contacts go through the one-by-one path below
                        log.warn("Re-evaluating {} contacts one by one", taken.size());
                    }
                    for (int from = 0; from < taken.size(); from += CHUNK) {
                        List<ContactChangedEvent> chunk = taken.subList(from, Math.min(taken.size(), from + CHUNK));
                        boolean batched = decided;
                        publish(chunk.stream().map(event -> new ContactChangedEvent(event.contactId(), event.kind(),
                                batched)).toList());
                    }
                } else {
                    publish(take(CHUNK));
                }
            }
        } finally {
            draining.set(false);
            if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
                worker.submit(this::drain);
            }
        }
    }

    private List<ContactChangedEvent> take(int most) {
        List<ContactChangedEvent> taken = new ArrayList<>(Math.min(most, pending.size()));
        Iterator<Map.Entry<Long, ContactChangedEvent.Kind>> it = pending.entrySet().iterator();
        while (it.hasNext() && taken.size() < most) {
            Map.Entry<Long, ContactChangedEvent.Kind> next = it.next();
            taken.add(new ContactChangedEvent(next.getKey(), next.getValue()));
            it.remove();
        }
        return taken;
    }

    /** One transaction: the listeners run after its commit, in this worker. */
    private void publish(List<ContactChangedEvent> chunk) {
        try {
            transactions.executeWithoutResult(status -> chunk.forEach(events::publishEvent));
        } catch (RuntimeException e) {
            log.warn("Re-evaluation of {} contacts failed", chunk.size(), e);
        }
    }
}
