-- What was landed, when, and how many records were loaded, quarantined or skipped.
with source as (
  select * from {{ source('ops', 'ingest_batches') }}
),

final as (
  select
    batch_id,
    source_name,
    source_kind,
    started_at,
    finished_at,
    rows_read,
    rows_loaded,
    rows_quarantined,
    rows_skipped,
    status,
    is_synthetic
  from source
)

select * from final
