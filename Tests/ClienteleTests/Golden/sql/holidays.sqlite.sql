-- holidays | select name, month, day, weekday, week, activity, next_date
-- :p2 = '2025-12-31'
-- :p3 = '2025-12-31'
SELECT h1.name AS col1, h1.month AS col2, h1.day AS col3, h1.weekday AS col4, h1.week AS col5, h1.activity AS col6, CLIENTELE_ADD_DAYS(:p2, CLIENTELE_HOLIDAY_DAYS(h1.month, h1.day, h1.weekday, h1.week, :p3)) AS col7
FROM holidays AS h1
ORDER BY h1.id;

-- holidays | where next_date within 30 days | sort next_date, name | select name, next_date
-- :p8 = '2025-12-31'
-- :p9 = '2025-12-31'
-- :p4 = '2025-12-31'
-- :p2 = '2025-12-31'
-- :p3 = '2025-12-31'
-- :p5 = 30
-- :p6 = '2025-12-31'
-- :p7 = '2025-12-31'
SELECT h1.name AS col1, CLIENTELE_ADD_DAYS(:p8, CLIENTELE_HOLIDAY_DAYS(h1.month, h1.day, h1.weekday, h1.week, :p9)) AS col2
FROM holidays AS h1
WHERE (CAST(julianday(CLIENTELE_ADD_DAYS(:p2, CLIENTELE_HOLIDAY_DAYS(h1.month, h1.day, h1.weekday, h1.week, :p3))) - julianday(:p4) AS INTEGER) BETWEEN 0 AND :p5)
ORDER BY CLIENTELE_ADD_DAYS(:p6, CLIENTELE_HOLIDAY_DAYS(h1.month, h1.day, h1.weekday, h1.week, :p7)) NULLS LAST, h1.name COLLATE CLIENTELE_NOCASE NULLS LAST, h1.id;

-- clients | where next_holiday within 30 days | sort next_holiday, id | select id, name, activity, next_holiday, next_holiday_name
-- :p9 = '2025-12-31'
-- :p8 = '2025-12-31'
-- :p10 = '2025-12-31'
-- :p4 = '2025-12-31'
-- :p3 = '2025-12-31'
-- :p2 = '2025-12-31'
-- :p5 = 30
-- :p7 = '2025-12-31'
-- :p6 = '2025-12-31'
SELECT c1.id AS col1, c1.name AS col2, c1.activity AS col3, CLIENTELE_ADD_DAYS(:p9, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p8)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col4, (SELECT ho.name FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity) AND CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p10) IS NOT NULL ORDER BY CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p10), ho.name LIMIT 1) AS col5
FROM clients AS c1
WHERE (CAST(julianday(CLIENTELE_ADD_DAYS(:p3, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity)))) - julianday(:p4) AS INTEGER) BETWEEN 0 AND :p5)
ORDER BY CLIENTELE_ADD_DAYS(:p7, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p6)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) NULLS LAST, c1.id NULLS LAST;

-- clients | sort next_holiday, id | select id, activity, next_holiday, next_holiday_name
-- :p5 = '2026-07-01'
-- :p4 = '2026-07-01'
-- :p6 = '2026-07-01'
-- :p3 = '2026-07-01'
-- :p2 = '2026-07-01'
SELECT c1.id AS col1, c1.activity AS col2, CLIENTELE_ADD_DAYS(:p5, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p4)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col3, (SELECT ho.name FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity) AND CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p6) IS NOT NULL ORDER BY CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p6), ho.name LIMIT 1) AS col4
FROM clients AS c1
ORDER BY CLIENTELE_ADD_DAYS(:p3, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) NULLS LAST, c1.id NULLS LAST;

-- clients | where next_holiday within 15 days | sort id | select id, name, next_holiday
-- :p7 = '2026-07-01'
-- :p6 = '2026-07-01'
-- :p4 = '2026-07-01'
-- :p3 = '2026-07-01'
-- :p2 = '2026-07-01'
-- :p5 = 15
SELECT c1.id AS col1, c1.name AS col2, CLIENTELE_ADD_DAYS(:p7, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p6)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col3
FROM clients AS c1
WHERE (CAST(julianday(CLIENTELE_ADD_DAYS(:p3, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity)))) - julianday(:p4) AS INTEGER) BETWEEN 0 AND :p5)
ORDER BY c1.id NULLS LAST;

-- clients | where next_holiday within 39 days | select id, next_holiday, next_holiday_name
-- :p7 = '2026-11-22'
-- :p6 = '2026-11-22'
-- :p8 = '2026-11-22'
-- :p4 = '2026-11-22'
-- :p3 = '2026-11-22'
-- :p2 = '2026-11-22'
-- :p5 = 39
SELECT c1.id AS col1, CLIENTELE_ADD_DAYS(:p7, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p6)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col2, (SELECT ho.name FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity) AND CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p8) IS NOT NULL ORDER BY CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p8), ho.name LIMIT 1) AS col3
FROM clients AS c1
WHERE (CAST(julianday(CLIENTELE_ADD_DAYS(:p3, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity)))) - julianday(:p4) AS INTEGER) BETWEEN 0 AND :p5)
ORDER BY c1.id;

-- clients | where id in [5, 6] | select id, next_holiday
-- :p5 = '2026-11-22'
-- :p4 = '2026-11-22'
-- :p2 = 5
-- :p3 = 6
SELECT c1.id AS col1, CLIENTELE_ADD_DAYS(:p5, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p4)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col2
FROM clients AS c1
WHERE (c1.id IN (:p2, :p3))
ORDER BY c1.id;

-- holidays | where name == "Високосный" | select name, next_date
-- :p3 = '2027-12-31'
-- :p4 = '2027-12-31'
-- :p2 = 'Високосный'
SELECT h1.name AS col1, CLIENTELE_ADD_DAYS(:p3, CLIENTELE_HOLIDAY_DAYS(h1.month, h1.day, h1.weekday, h1.week, :p4)) AS col2
FROM holidays AS h1
WHERE (h1.name = :p2)
ORDER BY h1.id;

-- holidays | where next_date within 30 days or name == "День работников торговли" | select name, next_date, next_date within 30 days
-- :p8 = '2028-07-23'
-- :p9 = '2028-07-23'
-- :p12 = '2028-07-23'
-- :p10 = '2028-07-23'
-- :p11 = '2028-07-23'
-- :p13 = 30
-- :p4 = '2028-07-23'
-- :p2 = '2028-07-23'
-- :p3 = '2028-07-23'
-- :p5 = 30
-- :p7 = 'День работников торговли'
SELECT h1.name AS col1, CLIENTELE_ADD_DAYS(:p8, CLIENTELE_HOLIDAY_DAYS(h1.month, h1.day, h1.weekday, h1.week, :p9)) AS col2, CAST(julianday(CLIENTELE_ADD_DAYS(:p10, CLIENTELE_HOLIDAY_DAYS(h1.month, h1.day, h1.weekday, h1.week, :p11))) - julianday(:p12) AS INTEGER) BETWEEN 0 AND :p13 AS col3
FROM holidays AS h1
WHERE ((CAST(julianday(CLIENTELE_ADD_DAYS(:p2, CLIENTELE_HOLIDAY_DAYS(h1.month, h1.day, h1.weekday, h1.week, :p3))) - julianday(:p4) AS INTEGER) BETWEEN 0 AND :p5) OR (replace(replace(h1.name, 'ё', 'е'), 'Ё', 'Е') = :p7))
ORDER BY h1.id;

-- clients | where next_holiday within 30 days | count
-- :p6 = 3
-- :p8 = '2028-07-23'
-- :p7 = '2028-07-23'
-- :p4 = '2028-07-23'
-- :p3 = '2028-07-23'
-- :p2 = '2028-07-23'
-- :p5 = 30
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p6 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5, CLIENTELE_ADD_DAYS(:p8, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p7)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity))) AS col6
FROM clients AS c1
WHERE (CAST(julianday(CLIENTELE_ADD_DAYS(:p3, (SELECT MIN(CLIENTELE_HOLIDAY_DAYS(ho.month, ho.day, ho.weekday, ho.week, :p2)) FROM holidays ho WHERE (ho.activity IS NULL OR ho.activity = c1.activity)))) - julianday(:p4) AS INTEGER) BETWEEN 0 AND :p5));

-- update holidays | where name == "День бухгалтера" set day = 22
-- :p3 = 'День бухгалтера'
SELECT h1.id AS id
FROM holidays AS h1
WHERE (replace(replace(h1.name, 'ё', 'е'), 'Ё', 'Е') = :p3);

-- holidays | where name == "День бухгалтера" | select name, month, day, next_date
-- :p4 = '2027-12-31'
-- :p5 = '2027-12-31'
-- :p3 = 'День бухгалтера'
SELECT h1.name AS col1, h1.month AS col2, h1.day AS col3, CLIENTELE_ADD_DAYS(:p4, CLIENTELE_HOLIDAY_DAYS(h1.month, h1.day, h1.weekday, h1.week, :p5)) AS col4
FROM holidays AS h1
WHERE (replace(replace(h1.name, 'ё', 'е'), 'Ё', 'Е') = :p3)
ORDER BY h1.id;
