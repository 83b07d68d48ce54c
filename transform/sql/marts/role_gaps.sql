-- The university and district views side by side: per unit × objective × wave where both the IHE and the LEA raters
-- rated it, each role's stage (consensus, else the lower median of its raters) and the gap between them.
with history as not materialized (
  select * from {{ ref('stage_history') }} where role_code in ('IHE', 'LEA')
),

final as (
  select
    i.framework_id,
    i.network_id,
    i.unit_id,
    i.dimension_code,
    i.wave_id,
    i.stage as ihe_stage,
    l.stage as lea_stage,
    i.stage - l.stage as gap,
    i.n_raters as ihe_raters,
    l.n_raters as lea_raters
  from history i
  join history l
    on l.framework_id = i.framework_id and l.unit_id = i.unit_id and l.dimension_code = i.dimension_code and l.wave_id = i.wave_id
   and l.role_code = 'LEA'
  where i.role_code = 'IHE'
)

select * from final
