package com.leadflow.segment;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface SegmentRepository extends JpaRepository<Segment, Long> {

    List<Segment> findAllByOrderByNameAsc();

    List<Segment> findAllByOrderByIdAsc();

    Optional<Segment> findBySystemKey(String systemKey);

    boolean existsByNameAndIdNot(String name, Long id);

    boolean existsByName(String name);
}
