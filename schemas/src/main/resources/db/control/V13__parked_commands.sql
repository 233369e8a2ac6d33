-- Commands of workspaces whose Postgres server is away, set aside by the ingest worker so the log goes on for every
-- other workspace; each is applied, in the order parked, once its server answers, and deleted then. The event is kept
-- whole (the envelope's bytes as the topic carried them), so a parked remember holds its text until it is applied.
create table parked_commands (
    seq          bigserial   primary key,
    workspace_id uuid        not null,
    topic        text        not null,
    event_id     uuid        not null,
    envelope     bytea       not null,
    parked_at    timestamptz not null default now(),
    constraint parked_commands_topic check (topic in ('commands', 'bulk', 'maintenance')),
    -- A batch redelivered after a crash parks nothing twice.
    constraint parked_commands_event unique (topic, event_id)
);
create index parked_commands_workspace on parked_commands (workspace_id, seq);
