-- Production: the role the API serves requests with. It owns no table and cannot bypass row-level
-- security, so PostgreSQL itself keeps each park's rows to that park. Run once as a superuser; then
-- give the API APP_DATABASE_URL=postgres://qifu_app:<password>@host/db. The API (connected through
-- DATABASE_URL as the schema owner) grants this role what it needs after every migration.
CREATE ROLE qifu_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
-- psql -v app_password='…' -f infra/db/app-role.sql
