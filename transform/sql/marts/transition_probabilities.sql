-- Transition matrices, row-normalised: for each framework × dimension (and dimension_code 'ALL', every dimension
-- pooled), the probability that a unit at from_stage in one rated wave is at to_stage in its next rated wave, with
-- the count behind it and a 95% Wilson score interval (Wilson 1927; Newcombe 1998, method 3). Steps between
-- consecutive waves (step = 'one_wave') are kept apart from steps across skipped waves ('skipped_waves'): a unit that
-- skipped a wave had longer to move. Every to_stage of the framework has its row, zero counts included.
with transitions as (
  -- Counted once already, per pair of waves, by stage_transitions (a small, incremental table): pooled here.
  select
    t.framework_id,
    t.network_id,
    t.dimension_code,
    t.from_stage,
    t.to_stage,
    t.n_units,
    case when w.wave_seq - pw.wave_seq = 1 then 'one_wave' else 'skipped_waves' end as step
  from {{ ref('stage_transitions') }} t
  join {{ ref('stg_core__waves') }} w on w.network_id = t.network_id and w.wave_id = t.to_wave
  join {{ ref('stg_core__waves') }} pw on pw.network_id = t.network_id and pw.wave_id = t.from_wave
),

steps as (
  select framework_id, network_id, dimension_code, step, from_stage, to_stage, n_units from transitions
  union all
  select framework_id, network_id, 'ALL' as dimension_code, step, from_stage, to_stage, n_units from transitions
),

row_totals as (
  select framework_id, network_id, dimension_code, step, from_stage, cast(sum(n_units) as bigint) as n_from
  from steps
  group by framework_id, network_id, dimension_code, step, from_stage
),

counts as (
  select framework_id, dimension_code, step, from_stage, to_stage, cast(sum(n_units) as bigint) as n
  from steps
  group by framework_id, dimension_code, step, from_stage, to_stage
),

stages as (
  select framework_id, progress_rank as to_stage from {{ source('core', 'levels') }}
),

cells as (
  select
    r.framework_id,
    r.network_id,
    r.dimension_code,
    r.step,
    r.from_stage,
    s.to_stage,
    cast(coalesce(c.n, 0) as integer) as n,
    cast(r.n_from as integer) as n_from,
    cast(r.n_from as double) as nf,
    coalesce(c.n, 0) / r.n_from as p
  from row_totals r
  join stages s on s.framework_id = r.framework_id
  left join counts c
    on c.framework_id = r.framework_id and c.dimension_code = r.dimension_code and c.step = r.step
   and c.from_stage = r.from_stage and c.to_stage = s.to_stage
),

final as (
  select
    framework_id,
    network_id,
    dimension_code,
    step,
    from_stage,
    to_stage,
    n,
    n_from,
    round(p, 6) as probability,
    -- Wilson score interval in DOUBLE (nf): 4·n² overflows INTEGER from n ≈ 23,000 steps.
    -- Wilson score interval, z = 1.959964 (95%): (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n).
    round(greatest(0, (p + 1.959964 ^ 2 / (2 * nf) - 1.959964 * sqrt(p * (1 - p) / nf + 1.959964 ^ 2 / (4 * nf * nf))) / (1 + 1.959964 ^ 2 / nf)), 6) as ci_low,
    round(least(1, (p + 1.959964 ^ 2 / (2 * nf) + 1.959964 * sqrt(p * (1 - p) / nf + 1.959964 ^ 2 / (4 * nf * nf))) / (1 + 1.959964 ^ 2 / nf)), 6) as ci_high
  from cells
)

select * from final
