package com.leadflow.audit;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface AuditEntryRepository extends JpaRepository<AuditEntry, Long> {

    List<AuditEntry> findByEntityTypeAndEntityIdOrderByIdAsc(String entityType, long entityId);
}
