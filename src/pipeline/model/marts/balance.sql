-- Build-vs-sell balance per group (company, function, side, pod) and period: 1 - |ΣB - ΣS| / (ΣB + ΣS).
select
    period_grain,
    period,
    group_type,
    group_id,
    group_name,
    count(*)::integer as headcount,
    exact_sum(b) as sum_b,
    exact_sum(s) as sum_s,
    balance_of(exact_sum(b), exact_sum(s)) as balance,
    build_share_of(exact_sum(b), exact_sum(s)) as build_share
from int_person_groups
group by all
