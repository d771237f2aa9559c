--liquibase formatted sql

-- Owned by: dashboard pre-aggregation (issue 8). Append changesets here.
