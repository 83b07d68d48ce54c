-- Krippendorff's alpha (ordinal) per unit and wave (see marts.rater_agreement).
with source as (
  select * from {{ ref('rater_agreement') }}
),

waves as (
  select network_id as w_network_id, wave_id as w_wave_id, wave_seq from {{ source('core', 'waves') }}
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    wave_id,
    w.wave_seq,
    n_raters,
    n_items,
    n_values,
    alpha_ordinal,
    alpha_undefined_reason
  from source
  left join waves w on w.w_network_id = source.network_id and w.w_wave_id = source.wave_id
)

select * from final
