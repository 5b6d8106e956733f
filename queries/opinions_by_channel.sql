-- Dialogue opinions by channel and whether they were answered.
-- Grain: one row per (channel, answered).
-- Parameters: none.
with opinions_rows as (
    select * from opinions
),

final as (
    select channel, coalesce(answered, false) as answered, count(*) as opinions
    from opinions_rows
    group by channel, coalesce(answered, false)
)

select * from final
order by channel, answered desc
