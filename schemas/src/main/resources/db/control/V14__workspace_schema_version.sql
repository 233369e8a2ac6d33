-- The migration version each workspace schema was last brought to, so a gateway's start checks only the schemas
-- behind the build's version instead of asking Flyway about every schema (at 10,000 schemas that took 96-111 s).
-- Null: not known (every schema made before this column) and checked at the next start.
alter table workspaces add column schema_version text;
