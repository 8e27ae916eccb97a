-- One row per closed deal and grain: the period it closed in and the pod it counts for
-- (its own pod_id, else its owner's pod in that period).
select
    d.deal_id,
    d.deal_type,
    d.stage,
    d.is_won,
    d.is_lost,
    d.amount,
    d.closed_on,
    cp.period_grain,
    cp.period,
    coalesce(d.pod_id, o.pod_id) as pod_id,
    d.pod_id is null as is_pod_from_owner
from stg_deals d
join int_calendar_periods cp on cp.day = d.closed_on
left join int_person_periods o
  on o.person_id = d.owner_id
 and o.period_grain = cp.period_grain
 and o.period = cp.period
where d.closed_on is not null
