--liquibase formatted sql

-- Owned by the board feature; empty until it lands.
