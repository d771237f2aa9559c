package com.leadflow.segment;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleJson;
import com.leadflow.rules.FieldCatalogProvider;
import com.leadflow.rules.RuleValidator;
import com.leadflow.security.CurrentUserProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Segments: everybody reads them; MARKETING and ADMIN create, change and delete them. A saved rule takes effect at
 * once: the members are refreshed set-based in the same call.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class SegmentService {

    public static final String CAN_EDIT = "hasAnyRole('ADMIN','MARKETING')";

    private final SegmentRepository segments;
    private final SegmentRefresher refresher;
    private final RuleJson ruleJson;
    private final FieldCatalogProvider catalogs;
    private final JdbcTemplate jdbc;
    private final CurrentUserProvider currentUser;
    private final TransactionTemplate transactions;

    SegmentService(SegmentRepository segments, SegmentRefresher refresher, RuleJson ruleJson,
                   FieldCatalogProvider catalogs, JdbcTemplate jdbc, CurrentUserProvider currentUser,
                   TransactionTemplate transactions) {
        this.transactions = transactions;
        this.segments = segments;
        this.refresher = refresher;
        this.ruleJson = ruleJson;
        this.catalogs = catalogs;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
    }

    @Transactional(readOnly = true)
    public List<SegmentSummary> list() {
        return segments.findAllByOrderByNameAsc().stream().map(SegmentService::toSummary).toList();
    }

    @Transactional(readOnly = true)
    public SegmentForm load(long id) {
        Segment s = find(id);
        SegmentForm form = new SegmentForm();
        form.setId(s.getId());
        form.setVersion(s.getVersion());
        form.setSystemKey(s.getSystemKey());
        form.setName(s.getName());
        form.setDescription(s.getDescription());
        form.setRule(ruleJson.read(s.getRuleJson()));
        form.setNoCorrespondence(s.isNoCorrespondence());
        return form;
    }

    public boolean canEdit() {
        return switch (currentUser.require().role()) {
            case ADMIN, MARKETING -> true;
            case SALES, EXECUTIVE -> false;
        };
    }

    /** Creates or updates a segment and refreshes its members; returns the saved segment. */
    @PreAuthorize(CAN_EDIT)
    public SegmentSummary save(SegmentForm form) {
        Long id = transactions.execute(status -> saveDefinition(form));
        refresher.refresh(id, form.getId() == null ? MembershipReason.SEGMENT_CREATED : MembershipReason.RULE_CHANGED,
                Instant.now());
        return toSummary(find(id));
    }

    private long saveDefinition(SegmentForm form) {
        String name = form.getName() == null ? "" : form.getName().trim();
        if (name.isEmpty() || name.length() > 120) {
            throw new ValidationFailedException("segment.nameInvalid");
        }
        if (form.getId() == null ? segments.existsByName(name) : segments.existsByNameAndIdNot(name, form.getId())) {
            throw new ValidationFailedException("segment.nameTaken", name);
        }
        if (form.getRule() == null) {
            throw new ValidationFailedException("segment.ruleRequired");
        }
        new RuleValidator(catalogs.current()).requireValid(form.getRule());
        Set<Long> references = SegmentRules.referencedSegments(form.getRule());
        if (form.getId() != null && dependsOn(references, form.getId())) {
            throw new ValidationFailedException("segment.cyclicReference");
        }
        for (Long ref : references) {
            if (!segments.existsById(ref)) {
                throw new ValidationFailedException("segment.unknownReference", ref);
            }
        }
        Segment segment;
        if (form.getId() == null) {
            segment = new Segment(name, ruleJson.write(form.getRule()));
            segment.setOwnerId(currentUser.require().id());
        } else {
            segment = find(form.getId());
            if (form.getVersion() == null || form.getVersion() != segment.getVersion()) {
                throw new OptimisticLockingFailureException("Segment changed meanwhile");
            }
            segment.setName(name);
            segment.setRuleJson(ruleJson.write(form.getRule()));
        }
        segment.setDescription(form.getDescription() == null || form.getDescription().isBlank() ? null
                : form.getDescription().trim());
        segment.setNoCorrespondence(form.isNoCorrespondence());
        return segments.saveAndFlush(segment).getId();
    }

    @PreAuthorize(CAN_EDIT)
    @Transactional
    public void delete(long id) {
        Segment segment = find(id);
        List<Long> dependents = jdbc.queryForList("SELECT id FROM segment WHERE id <> ?", Long.class, id).stream()
                .filter(other -> SegmentRules.referencedSegments(ruleJson.read(find(other).getRuleJson())).contains(id))
                .toList();
        if (!dependents.isEmpty()) {
            throw new ValidationFailedException("segment.inUse", find(dependents.getFirst()).getName());
        }
        segments.delete(segment);
    }

    @Transactional(readOnly = true)
    public List<SegmentMemberItem> members(long segmentId, int offset, int limit) {
        return jdbc.query("""
                SELECT c.id, c.first_name, c.last_name, c.company, c.lifecycle_stage, c.status, m.entered_at
                FROM segment_member m JOIN contact c ON c.id = m.contact_id
                WHERE m.segment_id = ? ORDER BY m.entered_at DESC, m.contact_id DESC LIMIT ? OFFSET ?""",
                (rs, i) -> new SegmentMemberItem(rs.getLong(1), rs.getString(2) + " " + rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
                segmentId, Math.min(limit, 500), Math.max(offset, 0));
    }

    @Transactional(readOnly = true)
    public List<SegmentHistoryItem> history(long segmentId, int offset, int limit) {
        return jdbc.query("""
                SELECT h.segment_id, s.name, h.contact_id, c.first_name, c.last_name, h.entered_at, h.entry_reason,
                       h.exited_at, h.exit_reason
                FROM segment_membership_history h JOIN segment s ON s.id = h.segment_id
                JOIN contact c ON c.id = h.contact_id
                WHERE h.segment_id = ? ORDER BY GREATEST(h.entered_at, COALESCE(h.exited_at, h.entered_at)) DESC, h.id DESC
                LIMIT ? OFFSET ?""", (rs, i) -> historyItem(rs), segmentId, Math.min(limit, 500), Math.max(offset, 0));
    }

    /** The segments a contact is in now, for its profile. */
    @Transactional(readOnly = true)
    public List<SegmentSummary> segmentsOf(long contactId) {
        return jdbc.queryForList("SELECT segment_id FROM segment_member WHERE contact_id = ?", Long.class, contactId)
                .stream().map(this::find).map(SegmentService::toSummary).toList();
    }

    /** Names and companies of the given contacts, in the given order, for the rule builder's preview. */
    @Transactional(readOnly = true)
    public List<String> previewNames(List<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        Map<Long, String> names = new HashMap<>();
        jdbc.query("SELECT id, first_name, last_name, company FROM contact WHERE id IN ("
                        + String.join(",", java.util.Collections.nCopies(contactIds.size(), "?")) + ")",
                rs -> {
                    String company = rs.getString(4);
                    names.put(rs.getLong(1), rs.getString(2) + " " + rs.getString(3)
                            + (company == null ? "" : " · " + company));
                }, contactIds.toArray());
        return contactIds.stream().map(names::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Whether the contact is in a segment whose members must get no automated correspondence. */
    @Transactional(readOnly = true)
    public boolean isSuppressed(long contactId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM segment_member m JOIN segment s ON s.id = m.segment_id
                               WHERE m.contact_id = ? AND s.no_correspondence)""", Boolean.class, contactId));
    }

    private boolean dependsOn(Set<Long> references, long segmentId) {
        Map<Long, Set<Long>> graph = new HashMap<>();
        for (Segment s : segments.findAll()) {
            graph.put(s.getId(), SegmentRules.referencedSegments(ruleJson.read(s.getRuleJson())));
        }
        java.util.Deque<Long> todo = new java.util.ArrayDeque<>(references);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Long next = todo.pop();
            if (next == segmentId) {
                return true;
            }
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return false;
    }

    private Segment find(long id) {
        return segments.findById(id).orElseThrow(() -> new ValidationFailedException("segment.notFound"));
    }

    private static SegmentHistoryItem historyItem(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp exited = rs.getTimestamp(8);
        return new SegmentHistoryItem(rs.getLong(1), rs.getString(2), rs.getLong(3),
                rs.getString(4) + " " + rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
                exited == null ? null : exited.toInstant(), rs.getString(9));
    }

    static SegmentSummary toSummary(Segment s) {
        return new SegmentSummary(s.getId(), s.getSystemKey(), s.getName(), s.getDescription(), s.getMemberCount(),
                s.isNoCorrespondence(), s.getUpdatedAt(), s.getRefreshedAt());
    }
}
