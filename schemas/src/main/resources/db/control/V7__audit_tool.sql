-- The MCP tool a call ran (tools/call over /mcp, or the /tools bridge): the route alone says only "/mcp".
-- Null for every other call, and for events written before it existed.
alter table audit_events add column tool text;
