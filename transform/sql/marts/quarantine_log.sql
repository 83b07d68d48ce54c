-- Every quarantined field with where it was and why, for the hub review's data-quality section. A view over
-- ops.quarantine, never copied into the researchers' snapshot. The raw value is left out and the values a reason quotes
-- are masked, as in the snapshot (Masking): a value typed into the wrong field may be someone's
-- name or email, and reports never show it.
with quarantine as (
  select * from {{ source('ops', 'quarantine') }}
),

final as (
  select
    batch_id,
    source_row,
    {{ masked_emails('column_name') }} as column_name,
    {{ masked('reason') }} as reason,
    unit_id,
    wave_id
  from quarantine
)

select * from final
