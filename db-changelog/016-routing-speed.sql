--liquibase formatted sql

-- Owned by: routing (issue 7). Append changesets here.
