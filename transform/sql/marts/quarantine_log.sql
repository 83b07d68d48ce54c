-- Every quarantined field with where it was and why, for the hub review's data-quality section. A view over
-- ops.quarantine, never copied into the researchers' snapshot. The raw value is left out and the values a reason quotes
-- are masked, as in the snapshot (SnapshotPublisher.MaskedSql): a value typed into the wrong field may be someone's
-- name or email, and reports never show it.
with quarantine as (
  select * from {{ source('ops', 'quarantine') }}
),

final as (
  select
    batch_id,
    source_row,
    regexp_replace(column_name, '[^\s"<>(),;:]+@[^\s"<>(),;:]+', '…@…', 'g') as column_name,
    regexp_replace(regexp_replace(reason, '"[^"]*"', '"…"', 'g'), '[^\s"<>(),;:]+@[^\s"<>(),;:]+', '…@…', 'g') as reason,
    unit_id
  from quarantine
)

select * from final
