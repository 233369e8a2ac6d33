-- A memory's whole life: its layer and type, a status with a history of every change, pinning, a version that
-- edits raise, access counts, notes beside it, and proof of its erasure once it is gone.

alter table memories
    add column layer            text        not null default 'episodic',
    add column memory_type      text        not null default 'narrative',
    add column status           text        not null default 'active',
    add column pinned           boolean     not null default false,
    add column version          integer     not null default 1,
    add column access_count     bigint      not null default 0,
    add column last_accessed_at timestamptz,
    add column merged_into      uuid,
    add column superseded_by    uuid,
    -- When it was forgotten: the restore window runs from here; null unless status is forgotten.
    add column forgotten_at     timestamptz,
    add constraint memories_layer check (layer in ('working', 'episodic', 'semantic', 'procedural')),
    add constraint memories_memory_type check (memory_type in ('fact', 'procedure', 'narrative')),
    add constraint memories_status check (status in ('active', 'challenged', 'invalidated', 'superseded', 'merged', 'forgotten')),
    add constraint memories_forgotten check ((status = 'forgotten') = (forgotten_at is not null));

-- Nothing ever set deleted_at, but a soft-deleted row would now be a forgotten one.
update memories set status = 'forgotten', forgotten_at = deleted_at where deleted_at is not null;
alter table memories drop column deleted_at;

create index memories_session on memories (session_id);
create index memories_created on memories (created_at desc, id desc);
create index memories_forgotten on memories (forgotten_at) where status = 'forgotten';

-- Every change to a memory, newest last: what changed, why, by which key or person, and what the content was
-- before an edit. Erasing a memory deletes its history with it.
create table memory_history (
    id            bigint      generated always as identity primary key,
    memory_id     uuid        not null references memories (id) on delete cascade,
    event_id      uuid        not null,
    change        text        not null,
    old_status    text,
    new_status    text,
    reason        text,
    old_content   text,
    details       jsonb       not null default '{}',
    actor_key_id  uuid,
    actor_user_id uuid,
    changed_at    timestamptz not null
);

create index memory_history_memory on memory_history (memory_id, id desc);

-- Notes about a memory that never change its content.
create table annotations (
    id            uuid        primary key,
    memory_id     uuid        not null references memories (id) on delete cascade,
    note          text        not null,
    actor_key_id  uuid,
    actor_user_id uuid,
    created_at    timestamptz not null
);

create index annotations_memory on annotations (memory_id, created_at);

-- The receipt of an erasure. It shares memory_change_seq with memories, so a warm runtime that reads "everything
-- changed since N" also learns which memories it must drop.
create table erasures (
    memory_id         uuid        primary key,
    event_id          uuid        not null,
    erased_at         timestamptz not null,
    reason            text        not null,
    stores            text[]      not null,
    command_log_until timestamptz not null,
    change_seq        bigint      not null default nextval('memory_change_seq')
);

create index erasures_change_seq on erasures (change_seq);

-- What each write came to: stored, updated, merged_into:<id>, rejected:<reason>; and, for maintenance commands
-- (dry runs included), what they found or did.
alter table applied_events
    add column outcome text,
    add column result  jsonb;

create index applied_events_memory on applied_events (memory_id);
