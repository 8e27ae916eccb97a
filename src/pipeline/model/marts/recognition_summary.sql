-- Company-wide recognition per period: pairs, cross-function / cross-pod / cross-side shares, reach, concentration
-- (Gini of pairs received over all active people, zeros included) and reciprocity.
with heads as (
    select period_grain, period, count(*)::integer as headcount
    from int_person_periods
    group by all
),
    -- Gini: with the active people sorted by pairs received x (zeros included), Σ i·x(i) only depends on how many people
    -- received each count, so it is summed per count: c people with x each take ranks start + 1 … start + c.
received as (
    select f.period_grain, f.period, count(*) as x
    from int_recognition_pairs p
    join int_person_periods f on f.person_id = p.recipient_id and f.period_grain = p.period_grain and f.period = p.period
    group by f.period_grain, f.period, f.person_id
),
distribution as (
    select period_grain, period, x, count(*) as c
    from received
    group by all
),
ranked as (
    select
        d.*,
        h.headcount::bigint as n,
        -- people who received fewer pairs: everyone but those with x or more
        h.headcount - sum(d.c) over (partition by d.period_grain, d.period order by d.x desc rows unbounded preceding) as start
    from distribution d
    join heads h using (period_grain, period)
),
gini as (
    select
        period_grain,
        period,
        case when sum(x * c) > 0
             then 2 * sum((x * (c * start + c * (c + 1) // 2))::hugeint) / (max(n) * sum(x * c)::hugeint) - (max(n) + 1) / max(n)
        end as gini
    from ranked
    group by all
),
pairs as (
    select
        p.period_grain,
        p.period,
        count(*)::integer as pairs,
        count(distinct p.recipient_id)::integer as count_recipients,
        count(*) filter (where p.giver_function <> p.recipient_function) / count(*) as cross_function_share,
        count(*) filter (where p.giver_pod_id <> p.recipient_pod_id)
            / nullif(count(*) filter (where p.giver_pod_id is not null and p.recipient_pod_id is not null), 0) as cross_pod_share,
        count(*) filter (where p.giver_side <> p.recipient_side) / count(*) as cross_side_share,
        count(*) filter (where p.is_reciprocated) / count(*) as reciprocity
    from int_recognition_pairs p
    group by all
)
select
    h.period_grain,
    h.period,
    'company' as group_type,
    'company' as group_id,
    s.company_name as group_name,
    h.headcount,
    coalesce(p.pairs, 0)::integer as pairs,
    p.cross_function_share,
    p.cross_pod_share,
    p.cross_side_share,
    coalesce(p.count_recipients, 0)::integer as count_recipients,
    coalesce(p.count_recipients, 0) / h.headcount as reach,
    g.gini,
    p.reciprocity
from heads h
cross join cfg_settings s
left join pairs p using (period_grain, period)
left join gini g using (period_grain, period)
