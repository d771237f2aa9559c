package com.leadflow.security;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface AppUserRepository extends JpaRepository<AppUser, Long> {

    @EntityGraph(attributePaths = "team")
    Optional<AppUser> findByUsername(String username);

    @EntityGraph(attributePaths = "team")
    List<AppUser> findAllByOrderByDisplayNameAsc();

    boolean existsByUsername(String username);
}
