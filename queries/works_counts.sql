-- Works (công trình, phần việc) registered, by level, and the flagship ones.
-- Grain: one row.
-- Parameters: none.
with works_rows as (
    select * from works
),

final as (
    select
        count(*) filter (where level = 'grassroots') as grassroots,
        count(*) filter (where level = 'upper') as upper_level,
        count(*) filter (where level is null) as no_level,
        count(*) filter (where flagship) as flagship,
        count(*) as total
    from works_rows
)

select * from final
