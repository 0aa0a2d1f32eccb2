-- Orleans' stock ADO.NET providers (clustering, reminders, persistence) keep no SQL of their own: at start-up each
-- reads its statements with the fixed text `SELECT QueryKey, QueryText FROM OrleansQuery` and refuses to start when a
-- key it needs is missing. The names are unquoted there, so PostgreSQL folds them to orleansquery/querykey/querytext,
-- and that spelling is part of the contract. The later migrations of this module each add their provider's rows.
CREATE TABLE orleansquery (
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);
