-- Drift alerts per quarter, from four stated rules with thresholds in cfg_alerts:
-- balance_drop: a pod's balance fell in each of the last balance_drop_quarters quarters and by more than balance_drop
-- in total; low_two_way_share: a function's two-way share is below min_two_way_share; feedback_p90_rising: the p90 days
-- from feedback to shipped (company or pod) rose p90_rising_quarters quarters in a row; missing_role: a pod held fewer
-- than the role template's count of a function on every day of the quarter (up to the as-of date) it had members.
-- Balance and two-way alerts skip groups smaller than min_group_size. value is the figure the rule tests; threshold its limit.
with settings as (
    select a.*, s.min_group_size from cfg_alerts a cross join cfg_settings s
),
quarters as (
    select period, period_index from int_periods where period_grain = 'quarter'
),
-- balance_drop ---------------------------------------------------------------------------------------------------------
pod_balance as (
    select b.period, q.period_index, b.group_id, b.group_name, b.headcount, b.balance
    from balance b
    join quarters q using (period)
    where b.period_grain = 'quarter' and b.group_type = 'pod' and b.balance is not null
),
balance_steps as (
    select c.*, coalesce(c.balance < p.balance, false) as fell
    from pod_balance c
    left join pod_balance p on p.group_id = c.group_id and p.period_index = c.period_index - 1
),
balance_runs as (
    select *, sum(case when fell then 0 else 1 end) over (partition by group_id order by period_index rows unbounded preceding) as run
    from balance_steps
),
balance_streaks as (
    select *, count(*) filter (where fell) over (partition by group_id, run order by period_index rows unbounded preceding) as streak
    from balance_runs
),
balance_alerts as (
    select
        'balance_drop' as rule, 'pod' as group_type, c.group_id, c.group_name, c.period,
        c.balance as value, s.balance_drop as threshold,
        b.period as from_period, b.balance as from_value, c.balance - b.balance as change,
        s.balance_drop_quarters as quarters, null as role, c.headcount,
        printf('%s balance fell in each of the last %d quarters, from %.2f in %s to %.2f in %s: down %.2f, more than %.2f.',
               c.group_name || case when c.group_name ilike '%s' then '''' else '''s' end, s.balance_drop_quarters, b.balance, b.period, c.balance, c.period, b.balance - c.balance, s.balance_drop) as message
    from balance_streaks c
    cross join settings s
    join pod_balance b on b.group_id = c.group_id and b.period_index = c.period_index - s.balance_drop_quarters
    where c.streak >= s.balance_drop_quarters
      and b.balance - c.balance > s.balance_drop
      and c.headcount >= s.min_group_size
),
-- low_two_way_share ----------------------------------------------------------------------------------------------------
two_way_alerts as (
    select
        'low_two_way_share' as rule, 'function' as group_type, c.group_id, c.group_name, c.period,
        c.two_way_share as value, s.min_two_way_share as threshold,
        p.period as from_period, p.two_way_share as from_value, c.two_way_share - p.two_way_share as change,
        1 as quarters, null as role, c.headcount,
        printf('%d of %d people in %s (%.0f%%) both built and sold in %s, below %.0f%%.',
               c.count_two_way, c.headcount, c.group_name, c.two_way_share * 100, c.period, s.min_two_way_share * 100) as message
    from participation c
    join quarters q using (period)
    cross join settings s
    left join quarters pq on pq.period_index = q.period_index - 1
    left join participation p
      on p.period_grain = 'quarter' and p.period = pq.period and p.group_type = 'function' and p.group_id = c.group_id
    where c.period_grain = 'quarter' and c.group_type = 'function'
      and c.headcount >= s.min_group_size
      and c.two_way_share < s.min_two_way_share
),
-- feedback_p90_rising --------------------------------------------------------------------------------------------------
p90 as (
    select f.period, q.period_index, f.group_type, f.group_id, f.group_name, f.p90_days
    from feedback_loop f
    join quarters q using (period)
    where f.period_grain = 'quarter' and f.p90_days is not null
),
p90_steps as (
    select c.*, coalesce(c.p90_days > p.p90_days, false) as rose
    from p90 c
    left join p90 p on p.group_type = c.group_type and p.group_id = c.group_id and p.period_index = c.period_index - 1
),
p90_runs as (
    select *, sum(case when rose then 0 else 1 end) over (partition by group_type, group_id order by period_index rows unbounded preceding) as run
    from p90_steps
),
p90_streaks as (
    select *, count(*) filter (where rose) over (partition by group_type, group_id, run order by period_index rows unbounded preceding) as streak
    from p90_runs
),
p90_alerts as (
    select
        'feedback_p90_rising' as rule, c.group_type, c.group_id, c.group_name, c.period,
        c.p90_days as value, s.p90_rising_quarters::double as threshold,
        b.period as from_period, b.p90_days as from_value, c.p90_days - b.p90_days as change,
        c.streak::integer as quarters, null as role, null::integer as headcount,
        printf('%s feedback p90 rose %d quarters in a row, from %.0f days in %s to %.0f days in %s.',
               c.group_name || case when c.group_name ilike '%s' then '''' else '''s' end, c.streak, b.p90_days, b.period, c.p90_days, c.period) as message
    from p90_streaks c
    cross join settings s
    join p90 b on b.group_type = c.group_type and b.group_id = c.group_id and b.period_index = c.period_index - c.streak
    where c.streak >= s.p90_rising_quarters
),
-- missing_role ---------------------------------------------------------------------------------------------------------
role_alerts as (
    select
        'missing_role' as rule, 'pod' as group_type, r.pod_id as group_id, sp.pod_name as group_name, r.period,
        r.max_headcount::double as value, r.count_required::double as threshold,
        r.period as from_period, null::double as from_value, null::double as change,
        1 as quarters, r.function as role, pp.headcount,
        case when r.max_headcount = 0
             then printf('%s had no %s on any of the %d days of %s it had members (template: %d).',
                         sp.pod_name, r.function, r.days_with_members, r.period, r.count_required)
             else printf('%s had fewer than %d in %s on every one of the %d days of %s it had members (at most %d).',
                         sp.pod_name, r.count_required, r.function, r.days_with_members, r.period, r.max_headcount)
        end as message
    from int_pod_role_coverage r
    join stg_pods sp using (pod_id)
    left join int_pod_periods pp on pp.period_grain = r.period_grain and pp.period = r.period and pp.pod_id = r.pod_id
    where r.days_with_members > 0 and r.days_covered = 0
),
alerts as (
    select * from balance_alerts
    union all select * from two_way_alerts
    union all select * from p90_alerts
    union all select * from role_alerts
)
select
    'quarter' as period_grain,
    period,
    rule,
    group_type,
    group_id,
    group_name,
    value::double as value,
    threshold::double as threshold,
    from_period,
    from_value::double as from_value,
    change::double as change,
    quarters::integer as quarters,
    role::varchar as role,
    headcount::integer as headcount,
    message
from alerts
