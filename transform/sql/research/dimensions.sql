-- Rubric dimensions: iLEAD objectives, TXNSI outcomes.
with source as (
  select * from {{ source('core', 'dimensions') }}
),

final as (
  select
    framework_id,
    dimension_code,
    number,
    title,
    group_code
  from source
)

select * from final
