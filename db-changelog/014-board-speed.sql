--liquibase formatted sql

-- Owned by: funnel board (issue 4). Append changesets here.
