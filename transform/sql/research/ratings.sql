-- De-identified ratings: raters are keyed pseudonyms; free-text comments are left out (spec section 9).
with source as (
  select * from core.ratings
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
    level_value,
    progress_rank,
    rated_at,
    is_consensus,
    batch_id,
    source_row
  from source
)

select * from final
