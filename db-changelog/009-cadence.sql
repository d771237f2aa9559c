--liquibase formatted sql

-- Owned by the cadence feature; empty until it lands.
