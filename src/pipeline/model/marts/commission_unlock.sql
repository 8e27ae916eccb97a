-- Commission unlock per group and quarter: people with a goal, the share who reached the unlock threshold, median
-- attainment, and the commission unlocked and locked, summed over the group (never per person).
select
    g.period_grain,
    g.period,
    g.group_type,
    g.group_id,
    g.group_name,
    count(*)::integer as count_with_goal,
    count(*) filter (where a.is_unlocked)::integer as count_unlocked,
    count(*) filter (where a.is_unlocked) / count(*) as unlocked_share,
    quantile_cont(a.attainment, 0.5) as median_attainment,
    coalesce(exact_sum(case when a.is_unlocked then a.commission_at_stake end), 0) as commission_unlocked,
    coalesce(exact_sum(case when not a.is_unlocked then a.commission_at_stake end), 0) as commission_locked
from int_person_groups g
join int_person_quarter_attainment a using (period_grain, period, person_id)
group by all
