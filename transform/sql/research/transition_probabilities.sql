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

select * from final
