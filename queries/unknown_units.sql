-- Unions named by initiatives but absent from the hierarchy (units table): "đơn vị chưa xác định".
-- A grassroots union is identified by its name and its parent, since names repeat across districts.
-- Grain: one row per (level, unit, parent) not found. Empty when no units table is loaded.
-- level is a code ('grassroots', 'upper', as the units table writes it); the page puts the label on it.
-- Parameters: none.
with has_units as (
    select count(*) > 0 as loaded from units
),

grassroots as (
    select
        'grassroots' as level,
        mode(unit) as unit,
        mode(parent_unit) as parent,
        unit_key,
        parent_key,
        count(*) as initiatives
    from initiatives
    group by unit_key, parent_key
),

upper_level as (
    select
        'upper' as level,
        mode(parent_unit) as unit,
        mode(federation) as parent,
        parent_key as unit_key,
        federation_key as parent_key,
        count(*) as initiatives
    from initiatives
    where parent_key is not null
    group by parent_key, federation_key
),

candidates as (
    select * from grassroots
    union all
    select * from upper_level
),

final as (
    select c.level, c.unit, c.parent, c.initiatives
    from candidates as c
    where (select loaded from has_units)
        and not exists (
            select 1
            from units as u
            where u.unit_key = c.unit_key
                and (c.parent_key is null or u.parent_key is null or u.parent_key = c.parent_key)
        )
)

select * from final
order by initiatives desc, unit
