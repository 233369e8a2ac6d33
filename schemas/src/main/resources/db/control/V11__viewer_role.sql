-- A viewer reads a workspace's memories and writes none (the read scope only).
alter table workspace_members drop constraint workspace_members_role;
alter table workspace_members add constraint workspace_members_role check (role in ('owner', 'admin', 'member', 'viewer'));
alter table workspace_invites drop constraint workspace_invites_role;
alter table workspace_invites add constraint workspace_invites_role check (role in ('admin', 'member', 'viewer'));
