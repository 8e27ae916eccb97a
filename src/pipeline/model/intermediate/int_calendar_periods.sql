-- Each day of the calendar once per grain: the (period_grain, period) it falls in.
select day, 'month' as period_grain, month as period from int_calendar
union all
select day, 'quarter' as period_grain, quarter as period from int_calendar
