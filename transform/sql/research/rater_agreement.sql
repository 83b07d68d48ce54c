-- Krippendorff's alpha (ordinal) per unit and wave (see marts.rater_agreement).
with source as (
  select * from {{ ref('rater_agreement') }}
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    wave_id,
    n_raters,
    n_items,
    n_values,
    alpha_ordinal
  from source
)

select * from final
