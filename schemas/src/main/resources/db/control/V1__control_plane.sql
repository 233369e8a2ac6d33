-- The control plane: who the tenants are and how they authenticate. Lives in the "control" schema.

create table workspaces (
    id          uuid        primary key,
    slug        text        not null unique,
    name        text        not null,
    -- Each workspace's memories live in a Postgres schema of their own; the name is generated, never user input.
    schema_name text        not null unique,
    created_at  timestamptz not null default now(),
    constraint workspaces_slug_format check (slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'),
    constraint workspaces_schema_format check (schema_name ~ '^ws_[0-9a-f]{32}$')
);

create table api_keys (
    id           uuid        primary key,
    workspace_id uuid        not null references workspaces (id) on delete cascade,
    -- The visible part of the token, used to find the row; the secret part is only ever stored as a hash.
    prefix       text        not null unique,
    name         text        not null,
    secret_hash  bytea       not null,
    scopes       text[]      not null default array['read', 'write'],
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
);

create index api_keys_workspace on api_keys (workspace_id);

-- Materialised by the audit-sink from the audit topic; one row per event, so replays are idempotent.
create table audit_events (
    event_id       uuid        primary key,
    workspace_id   uuid,
    key_id         uuid,
    occurred_at    timestamptz not null,
    route          text        not null,
    method         text        not null,
    status         integer     not null,
    latency_ms     integer     not null,
    request_id     text,
    client_address text,
    recorded_at    timestamptz not null default now()
);

create index audit_events_workspace_time on audit_events (workspace_id, occurred_at desc);
