-- People's browser sessions (Spring Session JDBC), shared by every gateway: any gateway serves any signed-in person,
-- so no sticky sessions. The layout is Spring Session's own (schema-postgresql.sql of spring-session-jdbc), made
-- here rather than by Spring's initializer so the control plane's migrations own every table. The gateway names
-- the table in spring.session.jdbc.table-name; the attributes table is that name plus _attributes.
create table browser_sessions (
    primary_id char(36) not null,
    session_id char(36) not null,
    creation_time bigint not null,
    last_access_time bigint not null,
    max_inactive_interval int not null,
    expiry_time bigint not null,
    -- The signed-in person's user id (SignedInUser.getName()); null while a sign-in is under way.
    principal_name varchar(100),
    constraint browser_sessions_pk primary key (primary_id)
);

create unique index browser_sessions_ix1 on browser_sessions (session_id);
create index browser_sessions_ix2 on browser_sessions (expiry_time);
create index browser_sessions_ix3 on browser_sessions (principal_name);

create table browser_sessions_attributes (
    session_primary_id char(36) not null,
    attribute_name varchar(200) not null,
    attribute_bytes bytea not null,
    constraint browser_sessions_attributes_pk primary key (session_primary_id, attribute_name),
    constraint browser_sessions_attributes_fk foreign key (session_primary_id)
        references browser_sessions (primary_id) on delete cascade
);
