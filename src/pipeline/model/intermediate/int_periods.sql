-- One row per month and per fiscal quarter that holds data, with its first and last day and its order.
with spans as (
    select
        p.period_grain,
        p.period,
        min(c.day) as first_day,
        max(c.day) as last_day,
        bool_or(c.is_in_data) as has_data,
        bool_or(c.is_as_of) as is_latest
    from int_calendar_periods p
    join int_calendar c using (day)
    group by all
)
select
    period_grain,
    period,
    first_day,
    last_day,
    row_number() over (partition by period_grain order by first_day)::integer as period_index,
    is_latest
from spans
where has_data
