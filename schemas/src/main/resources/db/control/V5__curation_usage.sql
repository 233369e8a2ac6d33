-- Curation is metered beside writes and recalls.
alter table usage_workspace_windows
    add column memories_edited    bigint not null default 0,
    add column memories_forgotten bigint not null default 0,
    add column memories_erased    bigint not null default 0;

alter table usage_key_windows
    add column memories_edited    bigint not null default 0,
    add column memories_forgotten bigint not null default 0,
    add column memories_erased    bigint not null default 0;
