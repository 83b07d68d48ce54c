-- Transition matrices with Wilson intervals (see marts.transition_probabilities).
with source as (
  select * from {{ ref('transition_probabilities') }}
),

final as (
  select
    framework_id,
    network_id,
    dimension_code,
    step,
    from_stage,
    to_stage,
    n,
    n_from,
    probability,
    ci_low,
    ci_high
  from source
)

-- dimension_code stays text; dimension_number beside it sorts and joins as a number.
select final.*, dn.dimension_number, l1.label as from_stage_label, l2.label as to_stage_label
from final
left join (
  select framework_id as dn_framework_id, dimension_code as dn_dimension_code, number as dimension_number
  from {{ source('core', 'dimensions') }}
) dn on dn.dn_framework_id = final.framework_id and dn.dn_dimension_code = final.dimension_code
-- Each stage with its name beside it: the order and the label of an ordered category.
left join {{ source('core', 'levels') }} l1 on l1.framework_id = final.framework_id and l1.progress_rank = final.from_stage
left join {{ source('core', 'levels') }} l2 on l2.framework_id = final.framework_id and l2.progress_rank = final.to_stage
