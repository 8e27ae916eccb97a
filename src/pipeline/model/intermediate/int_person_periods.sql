-- One row per person and period they were active in: function, side, pod, build points, sell amount,
-- normalized credits B and S, balance.
with active as (
    select
        p.person_id,
        p.name,
        p.function,
        sd.side,
        pr.period_grain,
        pr.period,
        pr.period_index,
        pr.first_day,
        pr.last_day,
        -- a person's pod is the one on the period's last day, or on their last day if they left during it
        least(pr.last_day, coalesce(p.end_date, pr.last_day)) as pod_day
    from stg_people p
    join int_periods pr
      on p.start_date <= pr.last_day
     and (p.end_date is null or p.end_date >= pr.first_day)
    left join cfg_sides sd on sd.function = p.function
),
with_pod as (
    select a.*, m.pod_id, coalesce(m.is_rotation, false) as is_rotation
    from active a
    left join stg_memberships m
      on m.person_id = a.person_id
     and m.valid_from <= a.pod_day
     and coalesce(m.valid_to, 'infinity'::date) >= a.pod_day
),
build as (
    select c.person_id, cp.period_grain, cp.period, exact_sum(c.credit_points) as build_points
    from int_build_credits_allocated c
    join int_calendar_periods cp on cp.day = c.shipped_on
    group by all
),
sell as (
    select c.person_id, cp.period_grain, cp.period, exact_sum(c.credit_amount) as sell_amount
    from int_sell_credits_allocated c
    join int_calendar_periods cp on cp.day = c.closed_on
    group by all
),
facts as (
    select
        w.*,
        coalesce(b.build_points, 0) as build_points,
        coalesce(s.sell_amount, 0) as sell_amount
    from with_pod w
    left join build b using (person_id, period_grain, period)
    left join sell s using (person_id, period_grain, period)
),
medians as (
    select
        period_grain,
        period,
        quantile_cont(build_points, 0.5) filter (where build_points > 0) as median_build_points,
        quantile_cont(sell_amount, 0.5) filter (where sell_amount > 0) as median_sell_amount
    from facts
    group by all
),
normalized as (
    select
        f.*,
        f.build_points > 0 as has_built,
        f.sell_amount > 0 as has_sold,
        f.build_points > 0 and f.sell_amount > 0 as is_two_way,
        case when f.build_points > 0 then f.build_points / m.median_build_points else 0 end as b,
        case when f.sell_amount > 0 then f.sell_amount / m.median_sell_amount else 0 end as s
    from facts f
    join medians m using (period_grain, period)
)
select *, balance_of(b, s) as balance
from normalized
