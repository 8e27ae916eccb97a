-- One row per person and quarter with a build goal: attainment, unlock, commission at stake (kept here, never published
-- per person), and the distance to unlock.
select
    f.period_grain,
    f.period,
    f.person_id,
    f.function,
    f.pod_id,
    g.build_goal,
    f.build_points,
    f.build_points / g.build_goal as attainment,
    f.build_points / g.build_goal >= s.unlock_threshold as is_unlocked,
    greatest(0, s.unlock_threshold * g.build_goal - f.build_points) as points_needed,
    f.sell_amount * coalesce(cr.rate, 0) as commission_at_stake
from int_person_periods f
join stg_goals g on g.person_id = f.person_id and g.period = f.period
cross join cfg_settings s
left join cfg_commission_rates cr on cr.function = f.function
where f.period_grain = 'quarter'
