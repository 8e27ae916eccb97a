-- The pod leaderboard per period: each metric, its percent rank among the pods with a value, the weighted composite
-- (weights in cfg_leaderboard_weights, rescaled over the metrics a pod has), rank and change vs the previous period.
with metrics as (
    select
        pp.period_grain,
        pp.period,
        pr.period_index,
        pp.pod_id,
        sp.pod_name,
        pp.headcount,
        pp.revenue_won,
        pp.revenue_won / pp.headcount as revenue_per_head,
        pp.count_won,
        pp.count_lost,
        pp.count_won / nullif(pp.count_won + pp.count_lost, 0) as win_rate,
        pp.renewed,
        pp.churned,
        pp.renewed / nullif(pp.renewed + pp.churned, 0) as gross_retention,
        pp.build_points / pp.headcount as build_points_per_head,
        pp.count_two_way / pp.headcount as two_way_share,
        balance_of(pp.sum_b, pp.sum_s) as balance,
        pp.count_received_from_other_pods / pp.headcount as cross_pod_recognition_per_head,
        pp.feedback_median_days
    from int_pod_periods pp
    join int_periods pr using (period_grain, period)
    join stg_pods sp using (pod_id)
),
long as (
    unpivot metrics
    on revenue_per_head, win_rate, gross_retention, build_points_per_head, two_way_share, balance,
       cross_pod_recognition_per_head, feedback_median_days
    into name metric value metric_value
),
ranked as (
    select
        l.period_grain,
        l.period,
        l.pod_id,
        l.metric,
        w.weight,
        -- lower-is-better metrics rank descending: ordering by the negated value is the same order
        percent_rank() over (
            partition by l.period_grain, l.period, l.metric
            order by case when w.is_lower_better then -l.metric_value else l.metric_value end
        ) as percent_rank
    from long l
    join cfg_leaderboard_weights w using (metric)
    where l.metric_value is not null
),
composite as (
    select
        period_grain,
        period,
        pod_id,
        exact_sum(weight * percent_rank) / nullif(exact_sum(weight), 0) as composite,
        map_from_entries(list_sort(list({'key': metric, 'value': percent_rank}))) as percent_ranks
    from ranked
    group by all
),
ordered as (
    select
        m.*,
        coalesce(c.composite, 0) as composite,
        c.percent_ranks,
        row_number() over (
            partition by m.period_grain, m.period
            order by coalesce(c.composite, 0) desc, m.revenue_per_head desc, m.pod_id asc
        )::integer as rank
    from metrics m
    left join composite c using (period_grain, period, pod_id)
)
select
    o.period_grain,
    o.period,
    'pod' as group_type,
    o.pod_id as group_id,
    o.pod_name as group_name,
    o.headcount,
    o.revenue_won,
    o.revenue_per_head,
    o.count_won,
    o.count_lost,
    o.win_rate,
    o.renewed,
    o.churned,
    o.gross_retention,
    o.build_points_per_head,
    o.two_way_share,
    o.balance,
    o.cross_pod_recognition_per_head,
    o.feedback_median_days,
    o.composite,
    o.rank,
    (prev.rank - o.rank)::integer as rank_change,
    o.percent_ranks
from ordered o
left join ordered prev
  on prev.period_grain = o.period_grain
 and prev.period_index = o.period_index - 1
 and prev.pod_id = o.pod_id
