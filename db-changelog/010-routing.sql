--liquibase formatted sql

-- Owned by the routing feature; empty until it lands.
