-- The longitudinal stage table: one row per unit × role × dimension × wave, plus role_code 'ALL'.
-- stage is a progress rank (1 = least developed); level_value is the same stage as the rubric numbers it.
-- prev_stage is the stage at the unit's previous rated wave for the same role and dimension (prev_wave_id).
with stages as (
  select * from {{ ref('int_stages') }}
),

waves as (
  select * from {{ ref('stg_core__waves') }}
),

levels as (
  select * from {{ source('core', 'levels') }}
),

final as (
  select
    u.framework_id,
    u.unit_id,
    u.role_code,
    u.dimension_code,
    u.wave_id,
    u.stage,
    u.n_raters,
    lag(u.stage) over history as prev_stage,
    u.stage - lag(u.stage) over history as stage_change,
    lag(u.wave_id) over history as prev_wave_id,
    w.wave_seq,
    l.level_value,
    l.label as stage_label,
    u.stage_rule,
    u.has_consensus,
    u.network_id
  from stages u
  join waves w on w.network_id = u.network_id and w.wave_id = u.wave_id
  join levels l on l.framework_id = u.framework_id and l.progress_rank = u.stage
  window history as (partition by u.framework_id, u.unit_id, u.role_code, u.dimension_code order by w.wave_seq)
)

select * from final
