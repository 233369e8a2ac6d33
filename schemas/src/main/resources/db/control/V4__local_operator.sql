-- The dev launcher's local operator: the person at the machine running `./memorylayer up`, who signs in through a
-- one-time link the launcher prints rather than through GitHub. Only a gateway bound to loopback honours such links.
alter table users alter column github_id drop not null;
alter table users add column local_operator boolean not null default false;
alter table users add constraint users_identity check (github_id is not null or local_operator);
create unique index users_one_local_operator on users (local_operator) where local_operator;

create table local_sign_in_links (
    -- Only a SHA-256 of the link's secret is kept, as for invites.
    token_hash   bytea       primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    workspace_id uuid        not null references workspaces (id) on delete cascade,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    used_at      timestamptz
);
