-- One row per pod and period with active members: the pod's raw facts that the leaderboard ranks.
with members as (
    select
        period_grain,
        period,
        pod_id,
        count(*)::integer as headcount,
        exact_sum(build_points) as build_points,
        exact_sum(b) as sum_b,
        exact_sum(s) as sum_s,
        count(*) filter (where is_two_way)::integer as count_two_way
    from int_person_periods
    where pod_id is not null
    group by all
),
deals as (
    select
        period_grain,
        period,
        pod_id,
        coalesce(exact_sum(case when is_won then amount end), 0) as revenue_won,
        count(*) filter (where is_won)::integer as count_won,
        count(*) filter (where is_lost)::integer as count_lost,
        coalesce(exact_sum(case when deal_type = 'renewal' and is_won then amount end), 0) as renewed,
        coalesce(exact_sum(case when (deal_type = 'renewal' and is_lost) or deal_type = 'churn' then amount end), 0) as churned
    from int_deals_attributed
    where pod_id is not null
    group by all
),
recognition as (
    select period_grain, period, recipient_pod_id as pod_id, count(*)::integer as count_received_from_other_pods
    from int_recognition_pairs
    where recipient_pod_id is not null and giver_pod_id is distinct from recipient_pod_id
    group by all
),
feedback as (
    select cp.period_grain, cp.period, f.pod_id, quantile_cont(f.days_to_resolve, 0.5) as feedback_median_days
    from int_feedback_attributed f
    join int_calendar_periods cp on cp.day = f.resolved_on
    where f.pod_id is not null
    group by all
)
select
    m.*,
    coalesce(d.revenue_won, 0) as revenue_won,
    coalesce(d.count_won, 0)::integer as count_won,
    coalesce(d.count_lost, 0)::integer as count_lost,
    coalesce(d.renewed, 0) as renewed,
    coalesce(d.churned, 0) as churned,
    coalesce(r.count_received_from_other_pods, 0)::integer as count_received_from_other_pods,
    f.feedback_median_days
from members m
left join deals d using (period_grain, period, pod_id)
left join recognition r using (period_grain, period, pod_id)
left join feedback f using (period_grain, period, pod_id)
