-- Workspace-wide maintenance (dedupe, consolidation, batches and bulk forget, entity alias and merge) runs on the
-- ingest worker's maintenance consumer, after the interactive commands accepted before it, in short transactions.
-- Until it is done its command has no applied_events row; this says how far it got. The row is written 'queued'
-- in the same transaction as the interactive commands it waited for, 'running' with counts while it runs, and
-- 'done' in the transaction that records its outcome in applied_events.
create table command_progress (
    event_id   uuid        primary key,
    event_type text        not null,
    state      text        not null check (state in ('queued', 'running', 'done')),
    step       text,
    done       bigint      not null default 0,
    total      bigint,
    queued_at  timestamptz not null,
    updated_at timestamptz not null
);
