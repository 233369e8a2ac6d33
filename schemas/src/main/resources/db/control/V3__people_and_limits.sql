-- People sign in through GitHub; workspaces have members with roles; invites bring new members in; the gateway's
-- rate-limit buckets live here so that every gateway instance enforces one limit.

create table users (
    id            uuid        primary key,
    -- GitHub's numeric account id: stable across renames, unlike the login.
    github_id     bigint      not null unique,
    login         text        not null,
    name          text,
    avatar_url    text,
    created_at    timestamptz not null default now(),
    last_login_at timestamptz
);

create table workspace_members (
    workspace_id uuid        not null references workspaces (id) on delete cascade,
    user_id      uuid        not null references users (id) on delete cascade,
    role         text        not null,
    joined_at    timestamptz not null default now(),
    primary key (workspace_id, user_id),
    constraint workspace_members_role check (role in ('owner', 'admin', 'member'))
);

create index workspace_members_user on workspace_members (user_id);

create table workspace_invites (
    id           uuid        primary key,
    workspace_id uuid        not null references workspaces (id) on delete cascade,
    -- Only a hash of the invite's secret is kept, as for API keys.
    token_hash   bytea       not null unique,
    role         text        not null,
    created_by   uuid        references users (id) on delete set null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    accepted_at  timestamptz,
    accepted_by  uuid        references users (id) on delete set null,
    revoked_at   timestamptz,
    constraint workspace_invites_role check (role in ('admin', 'member'))
);

create index workspace_invites_workspace on workspace_invites (workspace_id);

alter table api_keys add column created_by uuid references users (id) on delete set null;

-- Who made an audited call when it was a signed-in person rather than a key.
alter table audit_events add column user_id uuid;

-- bucket4j's PostgreSQL backend: one row per client bucket, its state serialised by bucket4j.
create table rate_limit_buckets (
    id         text   primary key,
    state      bytea,
    expires_at bigint
);
