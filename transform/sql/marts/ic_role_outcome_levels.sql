-- Innovation Configuration maps (frameworks whose descriptors differ by role, such as txnsi-ic-2022):
-- each unit's level per role × outcome × wave, as the rubric numbers it (level_value; for IC maps 1 = Ideal)
-- and as a progress rank, with the movement since the unit's previous rated wave.
-- levels_moved > 0 means movement toward the most developed level (for IC maps, toward Level 1, Ideal).
with history as (
  select * from {{ ref('stage_history') }} where role_code <> 'ALL'
),

frameworks as (
  select * from {{ source('core', 'frameworks') }} where descriptors_by_role
),

levels as (
  select * from {{ source('core', 'levels') }}
),

final as (
  select
    h.framework_id,
    h.network_id,
    h.unit_id,
    h.role_code,
    h.dimension_code,
    h.wave_id,
    h.level_value,
    h.stage_label as level_label,
    h.stage as progress_rank,
    h.n_raters,
    h.stage_rule,
    h.prev_wave_id,
    p.level_value as prev_level_value,
    h.stage_change as levels_moved
  from history h
  join frameworks f on f.framework_id = h.framework_id
  left join levels p on p.framework_id = h.framework_id and p.progress_rank = h.prev_stage
)

select * from final
