package com.leadflow.contact;

import java.util.List;

/**
 * Follows many changed contacts at once, set-based: the rules (scores, lifecycle stages, segments), then the
 * cadences. The background re-evaluation behind ingestion and imports calls every implementation, in their order, for
 * large batches, where one contact at a time is too slow; the batch's change events then say {@code batched}.
 */
public interface ContactBatchReevaluator {

    /** Re-evaluates the contacts (ids in any order) and writes what changed, as the one-contact listener would. */
    void reevaluate(List<Long> contactIds);
}
