--liquibase formatted sql

-- Owned by: cadences, calendar and sending (issue 6). Append changesets here.
