--liquibase formatted sql

-- Owned by the metrics feature; empty until it lands.
