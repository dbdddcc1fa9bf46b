-- clients | where name == "Арбуз" | select name, outlets
-- $1 = 'Арбуз'
SELECT c1.name AS col1, c1.outlets AS col2
FROM clients AS c1
WHERE (c1.name = $1)
ORDER BY c1.id;

-- orders | where net >= 99.99 and net < 100.5 | select number, net
-- $1 = 9999
-- $2 = 10050
SELECT o1.number AS col1, o1.net_minor AS col2
FROM orders AS o1
WHERE ((o1.net_minor >= $1) AND (o1.net_minor < $2))
ORDER BY o1.id;

-- orders | where net > 380 | select number, net
-- $1 = 38000
SELECT o1.number AS col1, o1.net_minor AS col2
FROM orders AS o1
WHERE (o1.net_minor > $1)
ORDER BY o1.id;

-- categories | where margin >= 25% | sort margin desc | select name, margin
-- $1 = 2500
SELECT c1.name AS col1, c1.margin_bp AS col2
FROM categories AS c1
WHERE (c1.margin_bp >= $1)
ORDER BY c1.margin_bp DESC NULLS LAST, c1.id;

-- orders | where order_date == 2025-02-10 | select number, order_date
-- $1 = '2025-02-10'
SELECT o1.number AS col1, o1.order_date AS col2
FROM orders AS o1
WHERE (o1.order_date = $1)
ORDER BY o1.id;

-- clients | where corporate_card == false and founded == null | sort id | select id, name
-- $1 = 0
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
WHERE ((c1.corporate_card = $1) AND (c1.founded IS NULL))
ORDER BY c1.id NULLS LAST;

-- orders | where order_date in 2025-Q1 and status == "shipped" | sort id | select number, order_date
-- $1 = '2025-01-01'
-- $2 = '2025-03-31'
-- $3 = 'shipped'
SELECT o1.number AS col1, o1.order_date AS col2
FROM orders AS o1
WHERE ((o1.order_date BETWEEN $1 AND $2) AND (o1.status = $3))
ORDER BY o1.id NULLS LAST;

-- orders | where order_date in 2025-08 | select number, order_date
-- $1 = '2025-08-01'
-- $2 = '2025-08-31'
SELECT o1.number AS col1, o1.order_date AS col2
FROM orders AS o1
WHERE (o1.order_date BETWEEN $1 AND $2)
ORDER BY o1.id;

-- orders | where order_date in 2025-10-01..2025-12-31 | sort id | select number, order_date
-- $1 = '2025-10-01'
-- $2 = '2025-12-31'
SELECT o1.number AS col1, o1.order_date AS col2
FROM orders AS o1
WHERE (o1.order_date BETWEEN $1 AND $2)
ORDER BY o1.id NULLS LAST;

-- clients | where turnover(last 90 days) > 0 | sort id | select name, q = turnover(last 90 days)
-- $1 = '2025-10-03'
-- $2 = '2025-12-31'
-- $3 = 0
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(j5.turnover, 0) > $3) AND (j5.client_id = c1.id)
ORDER BY c1.id NULLS LAST;

-- clients | where id == 1 | select y2025 = turnover(2025), y2024 = turnover(2024), h2 = turnover(2025-07-01..2025-12-31), everything = turnover(all), this_year = turnover(this year), prev_q = turnover(previous quarter), last_month = turnover(2025-12)
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = '2024-01-01'
-- $4 = '2024-12-31'
-- $5 = '2025-07-01'
-- $6 = '2025-12-31'
-- $7 = '0001-01-01'
-- $8 = '2025-12-31'
-- $9 = '2025-07-01'
-- $10 = '2025-09-30'
-- $11 = '2025-12-01'
-- $12 = '2025-12-31'
-- $13 = 1
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     sales7 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $3 AND $4 GROUP BY client_id),
     sales11 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $5 AND $6 GROUP BY client_id),
     sales15 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $7 AND $8 GROUP BY client_id),
     sales19 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $9 AND $10 GROUP BY client_id),
     sales23 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $11 AND $12 GROUP BY client_id)
SELECT COALESCE(j6.turnover, 0) AS col1, COALESCE(j10.turnover, 0) AS col2, COALESCE(j14.turnover, 0) AS col3, COALESCE(j18.turnover, 0) AS col4, COALESCE(j6.turnover, 0) AS col5, COALESCE(j22.turnover, 0) AS col6, COALESCE(j26.turnover, 0) AS col7
FROM clients AS c1
LEFT JOIN sales3 AS j6 ON j6.client_id = c1.id
LEFT JOIN sales7 AS j10 ON j10.client_id = c1.id
LEFT JOIN sales11 AS j14 ON j14.client_id = c1.id
LEFT JOIN sales15 AS j18 ON j18.client_id = c1.id
LEFT JOIN sales19 AS j22 ON j22.client_id = c1.id
LEFT JOIN sales23 AS j26 ON j26.client_id = c1.id
WHERE (c1.id = $13)
ORDER BY c1.id;

-- clients | where outlets in 2..3 | sort id | select name, outlets
-- $1 = 2
-- $2 = 3
SELECT c1.name AS col1, c1.outlets AS col2
FROM clients AS c1
WHERE (c1.outlets BETWEEN $1 AND $2)
ORDER BY c1.id NULLS LAST;

-- clients | where region in ["Volga", "Center"] and id not in [7] | select name, region
-- $1 = 'Volga'
-- $2 = 'Center'
-- $3 = 7
SELECT c1.name AS col1, c1.region AS col2
FROM clients AS c1
WHERE ((c1.region IN ($1, $2)) AND (c1.id NOT IN ($3)))
ORDER BY c1.id;

-- orders | where id == 1 | select order_date, plus = order_date + 30 days, minus = order_date - 2 weeks
-- $1 = 30
-- $2 = -14
-- $3 = 1
SELECT o1.order_date AS col1, clientele_add_days(o1.order_date, $1) AS col2, clientele_add_days(o1.order_date, $2) AS col3
FROM orders AS o1
WHERE (o1.id = $3)
ORDER BY o1.id;

-- contacts | where birthday within 14 days | sort name | select name, birthday
-- $1 = '2025-12-31'
-- $2 = 14
SELECT c1.name AS col1, c1.birthday AS col2
FROM contacts AS c1
WHERE (clientele_anniversary_days(c1.birthday, $1) BETWEEN 0 AND $2)
ORDER BY c1.name COLLATE clientele_ci NULLS LAST, c1.id;
