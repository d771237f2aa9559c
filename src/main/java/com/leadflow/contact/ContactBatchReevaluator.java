package com.leadflow.contact;

import java.util.List;

/**
 * Decides scores, lifecycle stages and segments for many changed contacts in one read of them (the background
 * re-evaluation behind ingestion and imports uses it for large batches, where one contact at a time is too slow).
 */
public interface ContactBatchReevaluator {

    /** Re-evaluates the contacts (ids in any order) and writes what changed, as the live evaluation would. */
    void reevaluate(List<Long> contactIds);
}
