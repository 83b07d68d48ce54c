-- De-identified ratings: raters are keyed pseudonyms; free-text comments are left out (spec section 9).
with source as (
  select * from {{ source('core', 'ratings') }}
),

waves as (
  select network_id as w_network_id, wave_id as w_wave_id, wave_seq from {{ source('core', 'waves') }}
),

final as (
  select
    rating_id,
    framework_id,
    network_id,
    unit_id,
    role_code,
    rater_key,
    dimension_code,
    wave_id,
    w.wave_seq,
    level_value,
    progress_rank,
    rated_at,
    is_consensus,
    batch_id,
    source_row
  from source
  left join waves w on w.w_network_id = source.network_id and w.w_wave_id = source.wave_id
)

select * from final
