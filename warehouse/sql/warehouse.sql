-- The warehouse's landed and reference tables. Idempotent: safe to run on every open.
-- staging, intermediate and marts objects are built by the transform runner, not here.
create schema if not exists raw;
create schema if not exists staging;
create schema if not exists intermediate;
create schema if not exists core;
create schema if not exists marts;
create schema if not exists research;
create schema if not exists ops;

create table if not exists ops.warehouse_info (
  key varchar primary key,
  value varchar not null
);

create table if not exists ops.ingest_batches (
  batch_id bigint primary key,
  source_name varchar not null,
  source_kind varchar not null,
  file_name varchar not null,
  sha256 varchar not null,
  started_at timestamp not null,
  finished_at timestamp,
  rows_read bigint not null,
  rows_loaded bigint not null,
  rows_quarantined bigint not null,
  rows_skipped bigint not null,
  status varchar not null,
  is_synthetic boolean not null default false
);

create table if not exists ops.quarantine (
  batch_id bigint not null,
  source_row bigint not null,
  column_name varchar,
  raw_value varchar,
  reason varchar not null,
  unit_id varchar,
  wave_id varchar
);
alter table ops.quarantine add column if not exists wave_id varchar;

create table if not exists ops.runs (
  run_id bigint primary key,
  job varchar not null,
  started_at timestamp not null,
  finished_at timestamp,
  status varchar not null,
  message varchar
);

create table if not exists ops.watermarks (
  source_name varchar primary key,
  watermark varchar not null,
  updated_at timestamp not null
);

create table if not exists core.networks (
  network_id varchar primary key,
  name varchar not null
);

create table if not exists core.frameworks (
  framework_id varchar primary key,
  name varchar not null,
  version varchar not null,
  network_id varchar not null,
  level_count integer not null,
  ascending boolean not null,
  level_term varchar not null,
  dimension_term varchar not null,
  descriptors_by_role boolean not null
);

create table if not exists core.dimension_groups (
  framework_id varchar not null,
  group_code varchar not null,
  title varchar not null,
  description varchar,
  primary key (framework_id, group_code)
);

create table if not exists core.dimensions (
  framework_id varchar not null,
  dimension_code varchar not null,
  number integer not null,
  title varchar not null,
  group_code varchar not null,
  primary key (framework_id, dimension_code)
);

create table if not exists core.levels (
  framework_id varchar not null,
  level_value integer not null,
  label varchar not null,
  progress_rank integer not null,
  primary key (framework_id, level_value)
);

create table if not exists core.roles (
  framework_id varchar not null,
  role_code varchar not null,
  name varchar not null,
  description varchar,
  primary key (framework_id, role_code)
);

create table if not exists core.descriptors (
  framework_id varchar not null,
  dimension_code varchar not null,
  role_code varchar,
  level_value integer not null,
  text varchar not null
);

create table if not exists core.units (
  unit_id varchar primary key,
  network_id varchar not null,
  name varchar not null,
  kind varchar not null
);

create table if not exists core.organizations (
  org_id varchar primary key,
  name varchar not null,
  kind varchar not null
);

create table if not exists core.unit_members (
  unit_id varchar not null,
  org_id varchar not null,
  member_role varchar not null,
  valid_from date not null,
  valid_to date,
  primary key (unit_id, org_id, valid_from)
);

create table if not exists core.waves (
  wave_id varchar not null,
  network_id varchar not null,
  label varchar not null,
  starts_on date not null,
  ends_on date not null,
  wave_seq integer,
  primary key (network_id, wave_id)
);

-- Warehouses from before wave_seq: the column is added (and numbered by WarehouseSchema.NumberWaves).
alter table core.waves add column if not exists wave_seq integer;

-- Every long-format record as landed, with lineage. Raters are already pseudonymized here:
-- the warehouse never holds a rater's email or name.
create table if not exists raw.long_ratings (
  batch_id bigint not null,
  source_row bigint not null,
  network varchar,
  framework varchar,
  wave varchar,
  unit varchar,
  role varchar,
  rater_key varchar,
  dimension varchar,
  level varchar,
  rated_at varchar,
  is_consensus varchar,
  comment varchar,
  outcome varchar not null,          -- loaded | quarantined | skipped | superseded
  superseded_by_batch bigint,
  record_no bigint,                  -- the record's number in its batch (rating_id = batch_id * 10^8 + record_no)
  source_column varchar,             -- the file's column that held the level (wide files: the dimension's column)
  response_key varchar               -- wide files: fingerprint of the whole response, to skip it when a later export repeats it
);
-- Warehouses created before these columns existed get them here.
alter table raw.long_ratings add column if not exists record_no bigint;
alter table raw.long_ratings add column if not exists source_column varchar;
alter table raw.long_ratings add column if not exists response_key varchar;

-- rating_id is unique by construction (batch_id * 10^8 + record_no) and checked by the data tests after every build; it is
-- not declared a primary key, because maintaining that index costs more than half the time of landing a large file.
create table if not exists core.ratings (
  rating_id bigint not null,
  framework_id varchar not null,
  network_id varchar not null,
  unit_id varchar not null,
  role_code varchar not null,
  rater_key varchar not null,
  dimension_code varchar not null,
  wave_id varchar not null,
  level_value integer not null,
  progress_rank integer not null,
  rated_at timestamp,
  is_consensus boolean not null,
  comment varchar,
  batch_id bigint not null,
  source_row bigint not null
);

-- Ratings replaced by a later submission or a later file: kept in raw, listed here for the hub.
create or replace view ops.superseded_ratings as
select batch_id, source_row, source_column, unit, role, rater_key, dimension, wave, level, rated_at, superseded_by_batch,
       case when outcome = 'superseded' then 'a later submission by the same respondent in the same file'
            else 'a rating with the same rater, unit, role, dimension and wave in a later batch' end as superseded_by
from raw.long_ratings
where superseded_by_batch is not null;

-- The transform's own bookkeeping: data-test results (and up to 100 failing rows per test), and what the last build took in.
create table if not exists ops.test_results (
  run_id bigint not null,
  ran_at timestamp not null,
  model varchar not null,
  test_name varchar not null,
  severity varchar not null,
  status varchar not null,
  failing_rows bigint not null,
  description varchar,
  query varchar
);

create table if not exists ops.test_failures (
  run_id bigint not null,
  model varchar not null,
  test_name varchar not null,
  row_json varchar
);

create table if not exists ops.transform_state (
  key varchar primary key,
  value varchar not null,
  updated_at timestamp not null
);
