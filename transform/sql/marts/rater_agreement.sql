-- Inter-rater agreement per unit × wave: Krippendorff's alpha with the ordinal metric, over the unit's
-- dimensions (items) and its individual raters (coders), on progress ranks; consensus ratings are left out.
--   δ²(c, k) = (Σ_{g = c..k} n_g − (n_c + n_k) / 2)²,   α = 1 − (n − 1) · Σ o_ck δ²(c, k) / Σ n_c n_k δ²(c, k)
-- alpha_ordinal is null when it is undefined, and alpha_undefined_reason says why: fewer than two coders, fewer than
-- two pairable items (one item's raters can only be compared with each other, which gives 0 or 1, not a reliability),
-- or no variation (every pairable value the same: expected disagreement 0).
-- Rounded to 6 decimals so that incremental and full builds agree to the last digit.
-- Reference: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability (the worked example there,
-- 4 coders × 12 units, gives ordinal α = 0.815; a test reproduces it).
with item_values as (
  select * from {{ ref('int_item_values_counted') }}
),

coincidences as not materialized (
  select * from {{ ref('int_agreement_coincidences') }}
),

coders as (
  -- Coders are people: a person who rated in two roles is one coder.
  select framework_id, network_id, unit_id, wave_id, cast(count(distinct rater_key) as integer) as n_raters
  from {{ ref('stg_core__ratings') }}
  where not is_consensus
  group by framework_id, network_id, unit_id, wave_id
),

items as (
  select
    framework_id,
    unit_id,
    wave_id,
    cast(count(distinct dimension_code) filter (where m_item >= 2) as integer) as n_items,
    cast(coalesce(sum(n_value) filter (where m_item >= 2), 0) as integer) as n_values
  from item_values
  group by framework_id, unit_id, wave_id
),

marginals as (
  select framework_id, unit_id, wave_id, c as value, sum(o_ck) as n_c
  from coincidences
  group by framework_id, unit_id, wave_id, c
),

cumulative as (
  select *, sum(n_c) over (partition by framework_id, unit_id, wave_id order by value) as cum_n
  from marginals
),

metric as (
  select
    a.framework_id,
    a.unit_id,
    a.wave_id,
    a.value as c,
    b.value as k,
    a.n_c * b.n_c as expected_pairs,
    power(
      case when a.value <= b.value then b.cum_n - a.cum_n + a.n_c else a.cum_n - b.cum_n + b.n_c end
      - (a.n_c + b.n_c) / 2.0, 2) as delta2
  from cumulative a
  join cumulative b on b.framework_id = a.framework_id and b.unit_id = a.unit_id and b.wave_id = a.wave_id
),

disagreement as (
  select
    m.framework_id,
    m.unit_id,
    m.wave_id,
    sum(coalesce(o.o_ck, 0) * m.delta2) as observed,
    sum(m.expected_pairs * m.delta2) as expected
  from metric m
  left join coincidences o
    on o.framework_id = m.framework_id and o.unit_id = m.unit_id and o.wave_id = m.wave_id and o.c = m.c and o.k = m.k
  group by m.framework_id, m.unit_id, m.wave_id
),

final as (
  select
    r.framework_id,
    r.network_id,
    r.unit_id,
    r.wave_id,
    r.n_raters,
    i.n_items,
    i.n_values,
    case when i.n_items >= 2 and d.expected > 0 then round(1 - (i.n_values - 1) * d.observed / d.expected, 6) end as alpha_ordinal,
    case
      when r.n_raters < 2 then 'fewer than two coders'
      when i.n_items < 2 then 'fewer than two items rated by two or more coders'
      when coalesce(d.expected, 0) = 0 then 'no variation: every pairable value is the same'
    end as alpha_undefined_reason
  from coders r
  join items i on i.framework_id = r.framework_id and i.unit_id = r.unit_id and i.wave_id = r.wave_id
  left join disagreement d on d.framework_id = r.framework_id and d.unit_id = r.unit_id and d.wave_id = r.wave_id
)

select * from final
