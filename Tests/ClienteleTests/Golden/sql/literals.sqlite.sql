-- clients | where name == "Арбуз" | select name, outlets
-- :p2 = 'Арбуз'
SELECT c1.name AS col1, c1.outlets AS col2
FROM clients AS c1
WHERE (c1.name = :p2)
ORDER BY c1.id;

-- orders | where net >= 99.99 and net < 100.5 | select number, net
-- :p2 = 9999
-- :p3 = 10050
SELECT o1.number AS col1, o1.net_minor AS col2
FROM orders AS o1
WHERE ((o1.net_minor >= :p2) AND (o1.net_minor < :p3))
ORDER BY o1.id;

-- orders | where net > 380 | select number, net
-- :p2 = 38000
SELECT o1.number AS col1, o1.net_minor AS col2
FROM orders AS o1
WHERE (o1.net_minor > :p2)
ORDER BY o1.id;

-- categories | where margin >= 25% | sort margin desc | select name, margin
-- :p2 = 2500
SELECT c1.name AS col1, c1.margin_bp AS col2
FROM categories AS c1
WHERE (c1.margin_bp >= :p2)
ORDER BY c1.margin_bp DESC NULLS LAST, c1.id;

-- orders | where order_date == 2025-02-10 | select number, order_date
-- :p2 = '2025-02-10'
SELECT o1.number AS col1, o1.order_date AS col2
FROM orders AS o1
WHERE (o1.order_date = :p2)
ORDER BY o1.id;

-- clients | where corporate_card == false and founded == null | sort id | select id, name
-- :p2 = 0
SELECT c1.id AS col1, c1.name AS col2
FROM clients AS c1
WHERE ((c1.corporate_card = :p2) AND (c1.founded IS NULL))
ORDER BY c1.id NULLS LAST;

-- orders | where order_date in 2025-Q1 and status == "shipped" | sort id | select number, order_date
-- :p2 = '2025-01-01'
-- :p3 = '2025-03-31'
-- :p4 = 'shipped'
SELECT o1.number AS col1, o1.order_date AS col2
FROM orders AS o1
WHERE ((o1.order_date BETWEEN :p2 AND :p3) AND (o1.status = :p4))
ORDER BY o1.id NULLS LAST;

-- orders | where order_date in 2025-08 | select number, order_date
-- :p2 = '2025-08-01'
-- :p3 = '2025-08-31'
SELECT o1.number AS col1, o1.order_date AS col2
FROM orders AS o1
WHERE (o1.order_date BETWEEN :p2 AND :p3)
ORDER BY o1.id;

-- orders | where order_date in 2025-10-01..2025-12-31 | sort id | select number, order_date
-- :p2 = '2025-10-01'
-- :p3 = '2025-12-31'
SELECT o1.number AS col1, o1.order_date AS col2
FROM orders AS o1
WHERE (o1.order_date BETWEEN :p2 AND :p3)
ORDER BY o1.id NULLS LAST;

-- clients | where turnover(last 90 days) > 0 | sort id | select name, q = turnover(last 90 days)
-- :p3 = '2025-10-03'
-- :p4 = '2025-12-31'
-- :p6 = 0
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p3 AND :p4 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j5.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(j5.turnover, 0) > :p6) AND (j5.client_id = c1.id)
ORDER BY c1.id NULLS LAST;

-- clients | where id == 1 | select y2025 = turnover(2025), y2024 = turnover(2024), h2 = turnover(2025-07-01..2025-12-31), everything = turnover(all), this_year = turnover(this year), prev_q = turnover(previous quarter), last_month = turnover(2025-12)
-- :p4 = '2025-01-01'
-- :p5 = '2025-12-31'
-- :p8 = '2024-01-01'
-- :p9 = '2024-12-31'
-- :p12 = '2025-07-01'
-- :p13 = '2025-12-31'
-- :p16 = '0001-01-01'
-- :p17 = '2025-12-31'
-- :p20 = '2025-07-01'
-- :p21 = '2025-09-30'
-- :p24 = '2025-12-01'
-- :p25 = '2025-12-31'
-- :p2 = 1
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id),
     sales7 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p8 AND :p9 GROUP BY client_id),
     sales11 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p12 AND :p13 GROUP BY client_id),
     sales15 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p16 AND :p17 GROUP BY client_id),
     sales19 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p20 AND :p21 GROUP BY client_id),
     sales23 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p24 AND :p25 GROUP BY client_id)
SELECT COALESCE(j6.turnover, 0) AS col1, COALESCE(j10.turnover, 0) AS col2, COALESCE(j14.turnover, 0) AS col3, COALESCE(j18.turnover, 0) AS col4, COALESCE(j6.turnover, 0) AS col5, COALESCE(j22.turnover, 0) AS col6, COALESCE(j26.turnover, 0) AS col7
FROM clients AS c1
LEFT JOIN sales3 AS j6 ON j6.client_id = c1.id
LEFT JOIN sales7 AS j10 ON j10.client_id = c1.id
LEFT JOIN sales11 AS j14 ON j14.client_id = c1.id
LEFT JOIN sales15 AS j18 ON j18.client_id = c1.id
LEFT JOIN sales19 AS j22 ON j22.client_id = c1.id
LEFT JOIN sales23 AS j26 ON j26.client_id = c1.id
WHERE (c1.id = :p2)
ORDER BY c1.id;

-- clients | where outlets in 2..3 | sort id | select name, outlets
-- :p2 = 2
-- :p3 = 3
SELECT c1.name AS col1, c1.outlets AS col2
FROM clients AS c1
WHERE (c1.outlets BETWEEN :p2 AND :p3)
ORDER BY c1.id NULLS LAST;

-- clients | where region in ["Volga", "Center"] and id not in [7] | select name, region
-- :p2 = 'Volga'
-- :p3 = 'Center'
-- :p4 = 7
SELECT c1.name AS col1, c1.region AS col2
FROM clients AS c1
WHERE ((c1.region IN (:p2, :p3)) AND (c1.id NOT IN (:p4)))
ORDER BY c1.id;

-- orders | where id == 1 | select order_date, plus = order_date + 30 days, minus = order_date - 2 weeks
-- :p3 = 30
-- :p4 = -14
-- :p2 = 1
SELECT o1.order_date AS col1, CLIENTELE_ADD_DAYS(o1.order_date, :p3) AS col2, CLIENTELE_ADD_DAYS(o1.order_date, :p4) AS col3
FROM orders AS o1
WHERE (o1.id = :p2)
ORDER BY o1.id;

-- contacts | where birthday within 14 days | sort name | select name, birthday
-- :p2 = '2025-12-31'
-- :p3 = 14
SELECT c1.name AS col1, c1.birthday AS col2
FROM contacts AS c1
WHERE (CLIENTELE_ANNIVERSARY_DAYS(c1.birthday, :p2) BETWEEN 0 AND :p3)
ORDER BY c1.name COLLATE CLIENTELE_NOCASE NULLS LAST, c1.id;
