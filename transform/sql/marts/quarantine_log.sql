-- Every quarantined field with where it was and why: identified, for the hub review's data-quality section. A view
-- over ops.quarantine, never copied into the researchers' snapshot (which withholds sensitive raw values).
with quarantine as (
  select * from {{ source('ops', 'quarantine') }}
),

final as (
  select
    batch_id,
    source_row,
    column_name,
    reason,
    unit_id
  from quarantine
)

select * from final
