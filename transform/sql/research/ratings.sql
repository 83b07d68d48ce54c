-- De-identified ratings: raters are keyed pseudonyms; free-text comments are left out.
with source as (
  select * from {{ source('core', 'ratings') }}
),

waves as (
  select network_id as w_network_id, wave_id as w_wave_id, wave_seq from {{ source('core', 'waves') }}
),

batches as (
  select batch_id as b_batch_id, sha256 as b_sha256 from {{ source('ops', 'ingest_batches') }}
),

final as (
  select
    -- Stable across rebuilds: made from the rating's natural key and the content (SHA-256) of the file or pull it came
    -- from, never from the order things landed: the first 60 bits of a SHA-256, a positive BIGINT. The same files give
    -- the same ids in any warehouse with the same pseudonym key (rater_key is part of the natural key).
    cast('0x' || left(sha256(concat_ws(chr(31), b.b_sha256, framework_id, unit_id, role_code, rater_key, dimension_code, wave_id)), 15) as bigint) as rating_id,
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
  join batches b on b.b_batch_id = source.batch_id
)

-- dimension_code stays text; dimension_number beside it sorts and joins as a number.
select final.*, dn.dimension_number, lv.label as level_label
from final
left join (
  select framework_id as dn_framework_id, dimension_code as dn_dimension_code, number as dimension_number
  from {{ source('core', 'dimensions') }}
) dn on dn.dn_framework_id = final.framework_id and dn.dn_dimension_code = final.dimension_code
-- The level's name beside its number and its order (progress_rank).
left join {{ source('core', 'levels') }} lv on lv.framework_id = final.framework_id and lv.level_value = final.level_value
