-- Krippendorff's alpha (ordinal) per unit and wave (see marts.rater_agreement), with its bootstrap interval
-- (marts.rater_agreement_intervals).
with source as (
  select * from {{ ref('rater_agreement') }}
),

intervals as (
  select framework_id as i_framework_id, unit_id as i_unit_id, wave_id as i_wave_id, ci_low, ci_high, n_resamples, seed
  from {{ ref('rater_agreement_intervals') }}
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
    i.ci_low as alpha_ci_low,
    i.ci_high as alpha_ci_high,
    i.n_resamples as alpha_resamples,
    i.seed as alpha_seed,
    alpha_undefined_reason
  from source
  left join waves w on w.w_network_id = source.network_id and w.w_wave_id = source.wave_id
  left join intervals i on i.i_framework_id = source.framework_id and i.i_unit_id = source.unit_id and i.i_wave_id = source.wave_id
)

select * from final
