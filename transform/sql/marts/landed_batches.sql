-- The files that landed and their counts (rating files; reference files left out): identified, for the hub review's
-- data-quality section. A view over ops.ingest_batches, never copied into the researchers' snapshot.
with batches as (
  select * from {{ source('ops', 'ingest_batches') }}
),

final as (
  select
    batch_id,
    source_kind,
    file_name,
    finished_at,
    rows_read,
    rows_loaded,
    rows_quarantined,
    rows_skipped
  from batches
  where status = 'loaded' and source_kind not in ('framework', 'roster', 'waves')
)

select * from final
