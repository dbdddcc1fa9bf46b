-- clients | where name ~ "фарм" | sort name | select name
-- $1 = 'фарм'
SELECT c1.name AS col1
FROM clients AS c1
WHERE (clientele_contains(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), $1))
ORDER BY c1.name COLLATE clientele_ci NULLS LAST, c1.id;

-- clients | where name ~ "ФАРМ" | count
-- $1 = 3
-- $2 = 'ФАРМ'
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1
WHERE (clientele_contains(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), $2))) AS subquery1;

-- clients | where name ~= "арбуз" | select name
-- $1 = 'арбуз'
SELECT c1.name AS col1
FROM clients AS c1
WHERE (clientele_fold(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е')) = clientele_fold($1))
ORDER BY c1.id;

-- clients | where name !~ "o" | sort name | select name
-- $1 = 'o'
SELECT c1.name AS col1
FROM clients AS c1
WHERE (NOT clientele_contains(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), $1))
ORDER BY c1.name COLLATE clientele_ci NULLS LAST, c1.id;

-- clients | sort name | select name
SELECT c1.name AS col1
FROM clients AS c1
ORDER BY c1.name COLLATE clientele_ci NULLS LAST, c1.id;

-- clients | sort name desc | take 3 | select name
SELECT c1.name AS col1
FROM clients AS c1
ORDER BY c1.name COLLATE clientele_ci DESC NULLS LAST, c1.id
LIMIT 3;

-- clients | where id <= 3 | sort id | select name, l = lower(name), u = upper(name), n = length(name)
-- $1 = 3
SELECT c1.name AS col1, clientele_fold(c1.name) AS col2, clientele_upper(c1.name) AS col3, length(c1.name) AS col4
FROM clients AS c1
WHERE (c1.id <= $1)
ORDER BY c1.id NULLS LAST;

-- clients | where name ~ "drop table" | select name, region
-- $1 = 'drop table'
SELECT c1.name AS col1, c1.region AS col2
FROM clients AS c1
WHERE (clientele_contains(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), $1))
ORDER BY c1.id;

-- clients | count
-- $1 = 3
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1) AS subquery1;

-- orders | count
SELECT COUNT(*) AS col1 FROM (SELECT o1.id AS col1, o1.number AS col2, o1.order_date AS col3, c2.name AS col4, o1.net_minor AS col5, o1.status AS col6
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id) AS subquery1;
