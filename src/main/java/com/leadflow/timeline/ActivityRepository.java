package com.leadflow.timeline;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface ActivityRepository extends JpaRepository<Activity, Long> {

    List<Activity> findByContactIdOrderByOccurredAtDescIdDesc(long contactId, Pageable page);
}
