-- Innovation Configuration maps: how many units are at each level, per role × outcome × wave, with every
-- level of the framework listed (zero counts included) so that distributions can be compared directly.
with unit_levels as not materialized (
  select * from {{ ref('ic_role_outcome_levels') }}
),

levels as (
  select * from {{ source('core', 'levels') }}
),

cells as (
  select framework_id, network_id, role_code, dimension_code, wave_id, cast(count(*) as integer) as n_units_total
  from unit_levels
  group by framework_id, network_id, role_code, dimension_code, wave_id
),

counts as (
  select framework_id, role_code, dimension_code, wave_id, level_value, cast(count(*) as integer) as n_units
  from unit_levels
  group by framework_id, role_code, dimension_code, wave_id, level_value
),

final as (
  select
    c.framework_id,
    c.network_id,
    c.role_code,
    c.dimension_code,
    c.wave_id,
    l.level_value,
    l.label as level_label,
    l.progress_rank,
    coalesce(n.n_units, 0) as n_units,
    c.n_units_total,
    round(coalesce(n.n_units, 0) / c.n_units_total, 6) as share
  from cells c
  join levels l on l.framework_id = c.framework_id
  left join counts n
    on n.framework_id = c.framework_id and n.role_code = c.role_code and n.dimension_code = c.dimension_code
   and n.wave_id = c.wave_id and n.level_value = l.level_value
)

select * from final
