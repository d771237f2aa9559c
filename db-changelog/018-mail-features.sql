--liquibase formatted sql

-- Owned by: demo SMTP, bounces, replies, signatures (issue 6 features). Append changesets here.
