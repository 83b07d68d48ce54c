-- Network benchmarks per framework × dimension × wave, over the units' ALL stages.
-- Percentiles by linear interpolation (quantile_cont = R type 7). n_stage_k counts units at stage (progress rank) k;
-- n_level_k counts units at level k as the rubric numbers it (for the TXNSI maps Level 1 is Ideal, so n_level_1 is
-- n_stage_5 there: a reader of the maps cannot read it upside down); both are null where the framework has fewer than
-- k levels.
with history as (
  select * from {{ ref('stage_history') }} where role_code = 'ALL'
),

frameworks as (
  select framework_id, level_count from {{ source('core', 'frameworks') }}
),

final as (
  select
    h.framework_id,
    h.dimension_code,
    h.wave_id,
    cast(count(*) as integer) as n_units,
    quantile_cont(h.stage, 0.25) as p25,
    quantile_cont(h.stage, 0.5) as median,
    quantile_cont(h.stage, 0.75) as p75,
    cast(count(*) filter (where h.stage = 1) as integer) as n_stage_1,
    cast(count(*) filter (where h.stage = 2) as integer) as n_stage_2,
    cast(case when max(f.level_count) >= 3 then count(*) filter (where h.stage = 3) end as integer) as n_stage_3,
    cast(case when max(f.level_count) >= 4 then count(*) filter (where h.stage = 4) end as integer) as n_stage_4,
    cast(case when max(f.level_count) >= 5 then count(*) filter (where h.stage = 5) end as integer) as n_stage_5,
    quantile_cont(h.level_value, 0.5) as median_level,
    cast(count(*) filter (where h.level_value = 1) as integer) as n_level_1,
    cast(count(*) filter (where h.level_value = 2) as integer) as n_level_2,
    cast(case when max(f.level_count) >= 3 then count(*) filter (where h.level_value = 3) end as integer) as n_level_3,
    cast(case when max(f.level_count) >= 4 then count(*) filter (where h.level_value = 4) end as integer) as n_level_4,
    cast(case when max(f.level_count) >= 5 then count(*) filter (where h.level_value = 5) end as integer) as n_level_5
  from history h
  join frameworks f on f.framework_id = h.framework_id
  group by h.framework_id, h.dimension_code, h.wave_id
)

select * from final
