-- Company-wide recognition per period: pairs, cross-function / cross-pod / cross-side shares, reach, concentration
-- (Gini of pairs received over all active people, zeros included) and reciprocity.
with heads as (
    select period_grain, period, count(*)::integer as headcount
    from int_person_periods
    group by all
),
received as (
    select f.period_grain, f.period, f.person_id, count(p.recipient_id) as x
    from int_person_periods f
    left join int_recognition_pairs p
      on p.recipient_id = f.person_id and p.period_grain = f.period_grain and p.period = f.period
    group by all
),
ranked as (
    select
        *,
        row_number() over (partition by period_grain, period order by x, person_id) as i,
        count(*) over (partition by period_grain, period) as n,
        sum(x) over (partition by period_grain, period) as total
    from received
),
gini as (
    select
        period_grain,
        period,
        case when max(total) > 0 then 2 * sum(i * x) / (max(n) * max(total)) - (max(n) + 1) / max(n) end as gini
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
        count(*) filter (where exists (
            select 1 from int_recognition_pairs q
            where q.period_grain = p.period_grain and q.period = p.period
              and q.giver_id = p.recipient_id and q.recipient_id = p.giver_id
        )) / count(*) as reciprocity
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
