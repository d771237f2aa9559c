--liquibase formatted sql

-- Owned by: rules engine and lifecycle (issue 3). Append changesets here.
