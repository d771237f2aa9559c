package com.leadflow.routing;

import com.leadflow.contact.ContactChangedEvent;
import com.leadflow.timeline.ActivityRecordedEvent;
import com.leadflow.timeline.ActivityType;
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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts routing for new contacts (every path that creates one publishes {@link ContactChangedEvent} CREATED: the
 * UI, the API, forms, imports) and for contacts that re-enter the funnel: a funnel-move timeline entry whose
 * payload says the status went from LOST or UNQUALIFIED back to OPEN. The contacts of one transaction are collected
 * and routed together once it has committed (an import of 10,000 rows is one batch), in a new transaction, as the
 * system: a routing failure never undoes the contact that was saved.
 */
@Component
class RoutingTrigger {

    private static final Logger log = LoggerFactory.getLogger(RoutingTrigger.class);

    private final Router router;
    private final RoutingStore store;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate newTransaction;

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
        if (event.type() == ActivityType.FUNNEL_MOVE && reopened(event.activityId())) {
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
        SecurityContext caller = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            if (!store.settings().enabled()) {
                return;
            }
            run(List.copyOf(pending.created), RoutingCause.CREATED);
            Set<Long> reentered = new LinkedHashSet<>(pending.reentered);
            reentered.removeAll(pending.created);
            run(List.copyOf(reentered), RoutingCause.REENTRY);
        } finally {
            SecurityContextHolder.setContext(caller);
        }
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

    static final class Pending {
        final Set<Long> created = new LinkedHashSet<>();
        final Set<Long> reentered = new LinkedHashSet<>();
    }
}
