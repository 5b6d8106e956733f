-- include: filtered_initiatives
-- The shared filter and a place in the hierarchy: $scope_key, a union at any level (null = every row).
scoped_initiatives as (
    select *
    from filtered_initiatives
    where $scope_key is null or $scope_key in (unit_key, parent_key, federation_key)
),
