-- A probe migration for WorkspaceSchemaUpgradeTest only: one nullable column, as a real additive migration would be.
alter table memories add column upgrade_probe text;
