--liquibase formatted sql

-- Owned by the timeline feature; empty until it lands.
