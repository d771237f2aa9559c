package com.leadflow.segment;

import com.leadflow.rules.Rule;
import com.leadflow.rules.RuleNode;

import java.util.HashSet;
import java.util.Set;

/** What a segment's rule refers to: other segments (for refresh order and cycle checks). */
final class SegmentRules {

    private SegmentRules() {
    }

    static Set<Long> referencedSegments(Rule rule) {
        Set<Long> ids = new HashSet<>();
        collect(rule.root(), ids);
        return ids;
    }

    private static void collect(RuleNode node, Set<Long> ids) {
        switch (node) {
            case RuleNode.Group group -> group.children().forEach(child -> collect(child, ids));
            case RuleNode.Not not -> collect(not.child(), ids);
            case RuleNode.SegmentCondition condition -> ids.add(condition.segmentId());
            default -> {
            }
        }
    }
}
