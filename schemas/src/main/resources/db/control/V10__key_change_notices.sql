-- Gateways keep the API key rows they authenticate with between calls (the key row and its workspace were one
-- Postgres round trip per call). Whatever could make a cached row wrong - a key revoked, expired early, rescoped or
-- deleted, a workspace renamed or deleted - tells every gateway to forget what it holds, in the committing
-- transaction, whichever code path or tool made the change. A new key needs no notice: a gateway caches only keys
-- it has found. The payload is empty; gateways drop everything, since such changes are rare.
create function notify_key_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('memorylayer_key_changes', '');
    return null;
end
$$;

create trigger api_keys_changed
    after update of workspace_id, prefix, secret_hash, scopes, expires_at, revoked_at or delete or truncate on api_keys
    for each statement execute function notify_key_change();

create trigger workspaces_changed
    after update or delete or truncate on workspaces
    for each statement execute function notify_key_change();
