-- People who gave at least cfg_settings.unsung_min_given pairs and received none in the period.
with given as (
    select period_grain, period, giver_id as person_id, count(*)::integer as count_given
    from int_recognition_pairs
    group by all
),
received as (
    select distinct period_grain, period, recipient_id as person_id from int_recognition_pairs
)
select
    g.period_grain,
    g.period,
    g.person_id,
    p.name,
    p.function,
    g.count_given
from given g
join stg_people p using (person_id)
cross join cfg_settings s
where g.count_given >= s.unsung_min_given
  and not exists (
      select 1 from received r
      where r.period_grain = g.period_grain and r.period = g.period and r.person_id = g.person_id
  )
