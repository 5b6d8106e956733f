-- Campaigns (đợt thi đua) with their span and declared length.
-- Grain: one row per campaign. days = declared length when given, else the span.
-- Parameters: none.
with campaign_rows as (
    select * from campaigns
),

final as (
    select
        name,
        "start",
        "end",
        declared_days,
        datediff('day', "start", "end") + 1 as span_days,
        coalesce(declared_days, datediff('day', "start", "end") + 1) as days
    from campaign_rows
)

select * from final
order by "start"
