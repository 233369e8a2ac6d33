-- bench tenants only: the "one new migration" timed over every workspace schema. A nullable column without a
-- default, as an additive production migration would be: Postgres changes the catalog only, no table rewrite.
alter table memories add column tenants_probe text;
