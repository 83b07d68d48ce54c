-- Levels of each framework with their progress rank.
with source as (
  select * from {{ source('core', 'levels') }}
),

final as (
  select
    framework_id,
    level_value,
    label,
    progress_rank
  from source
)

select * from final
