-- Does everyone build, does everyone sell: shares of a group's active people who built, sold, or both, per period.
select
    period_grain,
    period,
    group_type,
    group_id,
    group_name,
    count(*)::integer as headcount,
    count(*) filter (where has_built)::integer as count_built,
    count(*) filter (where has_sold)::integer as count_sold,
    count(*) filter (where is_two_way)::integer as count_two_way,
    count(*) filter (where has_built) / count(*) as built_share,
    count(*) filter (where has_sold) / count(*) as sold_share,
    count(*) filter (where is_two_way) / count(*) as two_way_share
from int_person_groups
group by all
