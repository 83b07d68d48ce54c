-- Krippendorff's coincidence matrix per unit × wave: o_ck = Σ over items of n_uc · (n_uk − [c = k]) / (m_u − 1),
-- counted over the items that at least two raters rated (only those are pairable).
-- Reference: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication.
with item_values as not materialized (
  select * from {{ ref('int_item_values_counted') }} where m_item >= 2
),

-- The sum is exact and in a fixed order, so that every build of the same ratings gives the same bits: the numerators
-- n_uc · (n_uk − [c = k]) are whole numbers, summed exactly per number of coders m; only the few quotients by (m − 1)
-- are added as doubles, in the order of m. (A parallel sum of the quotients themselves added them in whatever order the
-- threads met them: two builds of the 1× scale data differed by up to 6e-14, and the sixth decimal of an alpha with it.)
per_coder_count as (
  select
    a.framework_id,
    a.network_id,
    a.unit_id,
    a.wave_id,
    a.value as c,
    b.value as k,
    a.m_item,
    sum(a.n_value * (b.n_value - case when a.value = b.value then 1 else 0 end)) as numerator
  from item_values a
  join item_values b
    on b.framework_id = a.framework_id and b.unit_id = a.unit_id and b.wave_id = a.wave_id
   and b.dimension_code = a.dimension_code
  group by a.framework_id, a.network_id, a.unit_id, a.wave_id, a.value, b.value, a.m_item
),

final as (
  select
    framework_id,
    network_id,
    unit_id,
    wave_id,
    c,
    k,
    list_sum(list(numerator / (m_item - 1) order by m_item)) as o_ck
  from per_coder_count
  group by framework_id, network_id, unit_id, wave_id, c, k
)

select * from final
