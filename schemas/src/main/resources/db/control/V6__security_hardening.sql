-- Refusals of calls that named no workspace and no person, one row per gateway instance, address, status and
-- minute (memorylayer.audit.refusals events), instead of one audit row per refused call. Written only by the
-- audit-sink, keyed by event id so a replay writes the same rows.
create table anonymous_refusals (
    event_id       uuid primary key,
    client_address text        not null,
    status         integer     not null,
    window_start   timestamptz not null,
    refusals       bigint      not null
);
create index anonymous_refusals_window on anonymous_refusals (window_start);

-- The audit retention job deletes by age.
create index if not exists audit_events_occurred on audit_events (occurred_at);

-- A key made by another key is that key's: listed with it as its maker, and revoked with it, so a leaked key
-- cannot outlive its own revocation through keys it made.
alter table api_keys add column created_by_key uuid references api_keys (id);
create index api_keys_created_by_key on api_keys (created_by_key) where created_by_key is not null;

-- Idempotency keys of writes, per caller (a key or a person within a workspace): what body each was first used
-- with, so the same key with another body is refused rather than silently dropped. Kept for a day.
create table idempotency_keys (
    caller          text        not null,
    idempotency_key text        not null,
    request_hash    bytea       not null,
    event_id        uuid        not null,
    created_at      timestamptz not null default now(),
    primary key (caller, idempotency_key)
);
create index idempotency_keys_created on idempotency_keys (created_at);

-- "Sign out everywhere": a session signed in before this moment is ended at its next request, on every gateway.
alter table users add column sessions_valid_after timestamptz;
