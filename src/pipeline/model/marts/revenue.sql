-- Company revenue per period: deals closed won, split into what is attributed to a pod and what is not.
with won as (
    select period_grain, period, amount, pod_id from int_deals_attributed where is_won
)
select
    p.period_grain,
    p.period,
    'company' as group_type,
    'company' as group_id,
    s.company_name as group_name,
    count(w.amount)::integer as count_won,
    coalesce(exact_sum(w.amount), 0) as revenue_won,
    coalesce(exact_sum(case when w.pod_id is not null then w.amount end), 0) as revenue_pods,
    coalesce(exact_sum(case when w.pod_id is null then w.amount end), 0) as revenue_unattributed
from int_periods p
cross join cfg_settings s
left join won w using (period_grain, period)
group by all
