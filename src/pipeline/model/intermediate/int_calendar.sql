-- One row per local calendar day around the data, with its month and fiscal quarter.
-- The fiscal year starts in cfg_settings.fiscal_year_start_month and is named after the calendar year it ends in.
with activity as (
    select shipped_on as day from stg_build_items
    union all select created_on from stg_deals
    union all select closed_on from stg_deals
    union all select given_on from stg_recognitions
    union all select received_on from stg_feedback
    union all select resolved_on from stg_feedback
),
bounds as (
    select min(day) as first_on, max(day) as last_on from activity
),
days as (
    select unnest(generate_series(
        date_trunc('month', first_on) - interval 3 month,
        date_trunc('month', last_on) + interval 4 month,
        interval 1 day
    ))::date as day
    from bounds
),
labelled as (
    select
        day,
        strftime(day, '%Y-%m') as month,
        year(day) + case when s.fiscal_year_start_month > 1 and month(day) >= s.fiscal_year_start_month then 1 else 0 end as fiscal_year,
        (month(day) - s.fiscal_year_start_month + 12) % 12 // 3 + 1 as fiscal_quarter
    from days
    cross join cfg_settings s
)
select
    l.day,
    l.month,
    l.fiscal_year,
    l.fiscal_quarter,
    'FY' || l.fiscal_year || '-Q' || l.fiscal_quarter as quarter,
    l.day between b.first_on and b.last_on as is_in_data,
    l.day = b.last_on as is_as_of
from labelled l
cross join bounds b
