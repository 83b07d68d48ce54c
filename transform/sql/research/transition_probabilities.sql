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
select final.*, dn.dimension_number
from final
left join (
  select framework_id as dn_framework_id, dimension_code as dn_dimension_code, number as dimension_number
  from {{ source('core', 'dimensions') }}
) dn on dn.dn_framework_id = final.framework_id and dn.dn_dimension_code = final.dimension_code
