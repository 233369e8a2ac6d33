-- Which Postgres server holds a workspace's schema. The name is resolved by every service that reads or writes
-- workspace schemas from its settings (memorylayer.postgres.servers); 'primary' is the server that holds this
-- control schema. Chosen when the workspace is created and never changed while it lives (moving a workspace is
-- described in docs/architecture.md, not built).
alter table workspaces add column postgres_server text not null default 'primary';
alter table workspaces add constraint workspaces_postgres_server check (postgres_server ~ '^[a-z][a-z0-9-]{0,39}$');
create index workspaces_postgres_server on workspaces (postgres_server);
