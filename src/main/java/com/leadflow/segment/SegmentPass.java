package com.leadflow.segment;

import com.leadflow.rules.ContactFacts;
import com.leadflow.rules.ContactPass;
import com.leadflow.rules.FieldCatalog;
import com.leadflow.rules.RuleEvaluator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments' part in the full refresh's single read of the contacts ({@link ContactPass}): each segment that
 * refers to no other segment is decided in memory on the contact as scoring and lifecycle have just left it,
 * compared with the members read before; the entries and exits are written afterwards as
 * {@link SegmentRefresher#refresh} writes them.
 */
final class SegmentPass implements ContactPass.Step {

    private final SegmentRefresher refresher;
    private final RuleEvaluator evaluator;
    private final Instant now;
    private final List<Long> segmentIds;
    private final List<SegmentRefresher.SegmentRule> segments = new ArrayList<>();
    private final List<ContactPass.PassRule> rules = new ArrayList<>();
    // each segment's members in id order, walked alongside the contacts (which come in id order)
    private final List<long[]> members = new ArrayList<>();
    private final int[] cursors;
    private final List<List<Long>> entering = new ArrayList<>();
    private final List<List<Long>> leaving = new ArrayList<>();
    private final long started = System.nanoTime();

    SegmentPass(SegmentRefresher refresher, List<Long> segmentIds, FieldCatalog catalog, Instant now) {
        this(refresher, segmentIds, catalog, now, null);
    }

    /** For the given contacts only (a batch re-evaluation); null: every contact. */
    SegmentPass(SegmentRefresher refresher, List<Long> segmentIds, FieldCatalog catalog, Instant now,
                List<Long> among) {
        this.refresher = refresher;
        this.evaluator = new RuleEvaluator(catalog);
        this.now = now;
        this.segmentIds = segmentIds;
        this.cursors = new int[segmentIds.size()];
        for (Long id : segmentIds) {
            SegmentRefresher.SegmentRule segment = refresher.read(id);
            segments.add(segment);
            rules.add(new ContactPass.PassRule(segment.rule(), null));
            members.add(refresher.members(id, among).stream().mapToLong(Long::longValue).sorted().toArray());
            entering.add(new ArrayList<>());
            leaving.add(new ArrayList<>());
        }
    }

    @Override
    public List<ContactPass.PassRule> rules() {
        return rules;
    }

    @Override
    public ContactFacts decide(ContactFacts contact, RuleEvaluator.Decided decided) {
        for (int i = 0; i < segments.size(); i++) {
            boolean matches = evaluator.matchesDecided(segments.get(i).rule(), contact, now, decided);
            boolean member = isMember(i, contact.id());
            if (matches && !member) {
                entering.get(i).add(contact.id());
            } else if (!matches && member) {
                leaving.get(i).add(contact.id());
            }
        }
        return contact;
    }

    private boolean isMember(int segment, long contactId) {
        long[] ids = members.get(segment);
        int cursor = cursors[segment];
        while (cursor < ids.length && ids[cursor] < contactId) {
            cursor++;
        }
        cursors[segment] = cursor;
        return cursor < ids.length && ids[cursor] == contactId;
    }

    /** Writes every segment's entries and exits, history and timeline, and recounts its members. */
    List<SegmentRefresher.Result> write(MembershipReason reason) {
        return refresher.writeChanges(segmentIds, segments.stream().map(SegmentRefresher.SegmentRule::name).toList(),
                entering, leaving, reason, now, started, true);
    }

    /** The same for a batch: each member count moves by what changed. */
    List<SegmentRefresher.Result> writeBatch() {
        return refresher.writeChanges(segmentIds, segments.stream().map(SegmentRefresher.SegmentRule::name).toList(),
                entering, leaving, MembershipReason.CONTACT_CHANGED, now, started, false);
    }
}
