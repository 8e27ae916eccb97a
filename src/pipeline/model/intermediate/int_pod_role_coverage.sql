-- One row per pod, quarter and template role (cfg_role_template): on how many days of the quarter (up to the as-of
-- date) the pod had members, on how many of those it held the role's minimum headcount, and the most people it had in
-- the role on any day. A person counts in a pod on the days a membership covers while they are employed.
with quarters as (
    select p.period_grain, p.period, p.first_day, least(p.last_day, a.as_of) as last_day
    from int_periods p
    cross join (select max(day) as as_of from int_calendar where is_as_of) a
    where p.period_grain = 'quarter'
),
days as (
    select q.period_grain, q.period, c.day
    from quarters q
    join int_calendar c on c.day between q.first_day and q.last_day
),
present as (
    select d.period_grain, d.period, d.day, m.pod_id, p.function, count(*)::integer as headcount
    from days d
    join stg_memberships m
      on m.valid_from <= d.day
     and (m.valid_to is null or m.valid_to >= d.day)
    join stg_people p
      on p.person_id = m.person_id
     and p.start_date <= d.day
     and (p.end_date is null or p.end_date >= d.day)
    group by all
),
pod_days as (
    select distinct period_grain, period, day, pod_id from present
)
select
    pd.period_grain,
    pd.period,
    pd.pod_id,
    t.function,
    t.min_count as count_required,
    count(*)::integer as days_with_members,
    count(*) filter (where coalesce(pr.headcount, 0) >= t.min_count)::integer as days_covered,
    max(coalesce(pr.headcount, 0))::integer as max_headcount
from pod_days pd
cross join cfg_role_template t
left join present pr
  on pr.period_grain = pd.period_grain
 and pr.period = pd.period
 and pr.day = pd.day
 and pr.pod_id = pd.pod_id
 and pr.function = t.function
where t.min_count > 0
group by all
