-- holidays | select name, month, day, weekday, week, activity, next_date
-- $1 = '2025-12-31'
-- $2 = '2025-12-31'
SELECT h1.name AS col1, h1.month AS col2, h1.day AS col3, h1.weekday AS col4, h1.week AS col5, h1.activity AS col6, clientele_add_days($1, clientele_holiday_days(h1.month, h1.day, h1.weekday, h1.week, $2)) AS col7
FROM holidays AS h1
ORDER BY h1.id;

-- holidays | where next_date within 30 days | sort next_date, name | select name, next_date
-- $1 = '2025-12-31'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = '2025-12-31'
-- $5 = '2025-12-31'
-- $6 = 30
-- $7 = '2025-12-31'
-- $8 = '2025-12-31'
SELECT h1.name AS col1, clientele_add_days($1, clientele_holiday_days(h1.month, h1.day, h1.weekday, h1.week, $2)) AS col2
FROM holidays AS h1
WHERE ((clientele_add_days($4, clientele_holiday_days(h1.month, h1.day, h1.weekday, h1.week, $5)) - $3) BETWEEN 0 AND $6)
ORDER BY clientele_add_days($7, clientele_holiday_days(h1.month, h1.day, h1.weekday, h1.week, $8)) NULLS LAST, h1.name COLLATE clientele_ci NULLS LAST, h1.id;

-- clients | where next_holiday within 30 days | sort next_holiday, id | select id, name, activity, next_holiday, next_holiday_name
-- $1 = '2025-12-31'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = '2025-12-31'
-- $5 = '2025-12-31'
-- $6 = '2025-12-31'
-- $7 = 30
-- $8 = '2025-12-31'
-- $9 = '2025-12-31'
SELECT c1.id AS col1, c1.name AS col2, c1.activity AS col3, clientele_add_days($1, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col4, (SELECT ho.name FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity) AND clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $3) IS NOT NULL ORDER BY clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $3), ho.name LIMIT 1) AS col5
FROM clients AS c1
WHERE ((clientele_add_days($5, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $6)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) - $4) BETWEEN 0 AND $7)
ORDER BY clientele_add_days($8, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $9)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) NULLS LAST, c1.id NULLS LAST;

-- clients | sort next_holiday, id | select id, activity, next_holiday, next_holiday_name
-- $1 = '2026-07-01'
-- $2 = '2026-07-01'
-- $3 = '2026-07-01'
-- $4 = '2026-07-01'
-- $5 = '2026-07-01'
SELECT c1.id AS col1, c1.activity AS col2, clientele_add_days($1, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col3, (SELECT ho.name FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity) AND clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $3) IS NOT NULL ORDER BY clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $3), ho.name LIMIT 1) AS col4
FROM clients AS c1
ORDER BY clientele_add_days($4, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $5)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) NULLS LAST, c1.id NULLS LAST;

-- clients | where next_holiday within 15 days | sort id | select id, name, next_holiday
-- $1 = '2026-07-01'
-- $2 = '2026-07-01'
-- $3 = '2026-07-01'
-- $4 = '2026-07-01'
-- $5 = '2026-07-01'
-- $6 = 15
SELECT c1.id AS col1, c1.name AS col2, clientele_add_days($1, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col3
FROM clients AS c1
WHERE ((clientele_add_days($4, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $5)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) - $3) BETWEEN 0 AND $6)
ORDER BY c1.id NULLS LAST;

-- clients | where next_holiday within 39 days | select id, next_holiday, next_holiday_name
-- $1 = '2026-11-22'
-- $2 = '2026-11-22'
-- $3 = '2026-11-22'
-- $4 = '2026-11-22'
-- $5 = '2026-11-22'
-- $6 = '2026-11-22'
-- $7 = 39
SELECT c1.id AS col1, clientele_add_days($1, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col2, (SELECT ho.name FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity) AND clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $3) IS NOT NULL ORDER BY clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $3), ho.name LIMIT 1) AS col3
FROM clients AS c1
WHERE ((clientele_add_days($5, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $6)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) - $4) BETWEEN 0 AND $7)
ORDER BY c1.id;

-- clients | where id in [5, 6] | select id, next_holiday
-- $1 = '2026-11-22'
-- $2 = '2026-11-22'
-- $3 = 5
-- $4 = 6
SELECT c1.id AS col1, clientele_add_days($1, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col2
FROM clients AS c1
WHERE (c1.id IN ($3, $4))
ORDER BY c1.id;

-- holidays | where name == "Високосный" | select name, next_date
-- $1 = '2027-12-31'
-- $2 = '2027-12-31'
-- $3 = 'Високосный'
SELECT h1.name AS col1, clientele_add_days($1, clientele_holiday_days(h1.month, h1.day, h1.weekday, h1.week, $2)) AS col2
FROM holidays AS h1
WHERE (h1.name = $3)
ORDER BY h1.id;

-- holidays | where next_date within 30 days or name == "День работников торговли" | select name, next_date, next_date within 30 days
-- $1 = '2028-07-23'
-- $2 = '2028-07-23'
-- $3 = '2028-07-23'
-- $4 = '2028-07-23'
-- $5 = '2028-07-23'
-- $6 = 30
-- $7 = '2028-07-23'
-- $8 = '2028-07-23'
-- $9 = '2028-07-23'
-- $10 = 30
-- $11 = 'День работников торговли'
SELECT h1.name AS col1, clientele_add_days($1, clientele_holiday_days(h1.month, h1.day, h1.weekday, h1.week, $2)) AS col2, (clientele_add_days($4, clientele_holiday_days(h1.month, h1.day, h1.weekday, h1.week, $5)) - $3) BETWEEN 0 AND $6 AS col3
FROM holidays AS h1
WHERE (((clientele_add_days($8, clientele_holiday_days(h1.month, h1.day, h1.weekday, h1.week, $9)) - $7) BETWEEN 0 AND $10) OR (replace(replace(h1.name, 'ё', 'е'), 'Ё', 'Е') = $11))
ORDER BY h1.id;

-- clients | where next_holiday within 30 days | count
-- $1 = 3
-- $2 = '2028-07-23'
-- $3 = '2028-07-23'
-- $4 = '2028-07-23'
-- $5 = '2028-07-23'
-- $6 = '2028-07-23'
-- $7 = 30
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5, clientele_add_days($2, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $3)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col6
FROM clients AS c1
WHERE ((clientele_add_days($5, (SELECT MIN(clientele_holiday_days(ho.month, ho.day, ho.weekday, ho.week, $6)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) - $4) BETWEEN 0 AND $7)) AS subquery1;

-- update holidays | where name == "День бухгалтера" set day = 22
-- $1 = 'День бухгалтера'
SELECT h1.id AS id
FROM holidays AS h1
WHERE (replace(replace(h1.name, 'ё', 'е'), 'Ё', 'Е') = $1);

-- holidays | where name == "День бухгалтера" | select name, month, day, next_date
-- $1 = '2027-12-31'
-- $2 = '2027-12-31'
-- $3 = 'День бухгалтера'
SELECT h1.name AS col1, h1.month AS col2, h1.day AS col3, clientele_add_days($1, clientele_holiday_days(h1.month, h1.day, h1.weekday, h1.week, $2)) AS col4
FROM holidays AS h1
WHERE (replace(replace(h1.name, 'ё', 'е'), 'Ё', 'Е') = $3)
ORDER BY h1.id;
