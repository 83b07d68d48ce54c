-- What the per-objective agreement reads: each pairable unit's value counts on each objective (units at least two
-- coders rated), per framework × objective × wave. Alpha over the network's units and its bootstrap interval are
-- computed in C# (transform/Statistics/ObjectiveAlpha.cs).
with item_values as (
  select * from {{ ref('int_item_values_counted') }} where m_item >= 2
),

final as (
  select framework_id, network_id, dimension_code, wave_id, unit_id, cast(value as bigint) as value, cast(n_value as bigint) as n_value
  from item_values
)

select * from final
