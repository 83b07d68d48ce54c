-- stage_history's incremental refresh, from its own earlier rows. The changed scope holds, for each unit a batch
-- touched, every wave from the first one touched on; the unit's rows before that stay as they are, and prev_stage of
-- the first row in scope looks back to the latest of them (per role × dimension) instead of to a window over all of
-- int_stages. The result equals the model's own query (IncrementalTransformTests compares the two builds).
delete from {{ this }} t
using (select distinct framework_id, unit_id, wave_id from temp.changed_scope) s
where t.framework_id = s.framework_id and t.unit_id = s.unit_id and t.wave_id = s.wave_id;

insert into {{ this }} by name
with scope as (
  select distinct framework_id, unit_id, wave_id from temp.changed_scope
),

waves as (
  select * from {{ ref('stg_core__waves') }}
),

levels as (
  select * from {{ source('core', 'levels') }}
),

stages as (
  select u.*, w.wave_seq
  from {{ ref('int_stages') }} u
  semi join scope s using (framework_id, unit_id, wave_id)
  join waves w on w.network_id = u.network_id and w.wave_id = u.wave_id
),

earlier as (
  -- What is left of a unit in scope lies before its first wave in scope: the latest row per role × dimension.
  select framework_id, unit_id, role_code, dimension_code, max(wave_seq) as wave_seq,
         arg_max(wave_id, wave_seq) as wave_id, arg_max(stage, wave_seq) as stage
  from {{ this }} t
  semi join (select distinct framework_id, unit_id from scope) s using (framework_id, unit_id)
  group by framework_id, unit_id, role_code, dimension_code
),

history as (
  select framework_id, unit_id, role_code, dimension_code, wave_seq, wave_id, stage, false as in_scope from earlier
  union all
  select framework_id, unit_id, role_code, dimension_code, wave_seq, wave_id, stage, true as in_scope from stages
),

lagged as (
  select
    framework_id, unit_id, role_code, dimension_code, wave_id, in_scope,
    lag(stage) over history as prev_stage,
    lag(wave_id) over history as prev_wave_id
  from history
  window history as (partition by framework_id, unit_id, role_code, dimension_code order by wave_seq)
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
    g.prev_stage,
    u.stage - g.prev_stage as stage_change,
    g.prev_wave_id,
    u.wave_seq,
    l.level_value,
    l.label as stage_label,
    u.stage_rule,
    u.has_consensus,
    u.network_id
  from stages u
  join lagged g on g.in_scope and g.framework_id = u.framework_id and g.unit_id = u.unit_id and g.role_code = u.role_code
                and g.dimension_code = u.dimension_code and g.wave_id = u.wave_id
  join levels l on l.framework_id = u.framework_id and l.progress_rank = u.stage
)

select * from final;
