package com.leadflow.audit;

import com.leadflow.security.CurrentUser;
import com.leadflow.security.CurrentUserProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Writes the audit trail of every change to contacts and users, inside the caller's transaction. */
@Service
public class AuditLog {

    private final AuditEntryRepository entries;
    private final CurrentUserProvider currentUser;
    private final ObjectMapper json;

    AuditLog(AuditEntryRepository entries, CurrentUserProvider currentUser, ObjectMapper json) {
        this.entries = entries;
        this.currentUser = currentUser;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String entityType, long entityId, String action, List<FieldChange> changes) {
        Optional<CurrentUser> actor = currentUser.find();
        entries.save(new AuditEntry(Instant.now(), actor.map(CurrentUser::id).orElse(null),
                actor.map(CurrentUser::username).orElse("system"), entityType, entityId, action,
                changes.isEmpty() ? null : json.writeValueAsString(changes)));
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> entriesFor(String entityType, long entityId) {
        return entries.findByEntityTypeAndEntityIdOrderByIdAsc(entityType, entityId);
    }
}
