-- orders | where client.name == "ООО Ромашка" | select number, order_date, due_date, gross, discount, net, status
-- :p3 = 'ООО Ромашка'
SELECT o1.number AS col1, o1.order_date AS col2, o1.due_date AS col3, o1.gross_minor AS col4, o1.discount_minor AS col5, o1.net_minor AS col6, o1.status AS col7
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id
WHERE (c2.name = :p3)
ORDER BY o1.id;

-- update clients | where region == "North" set curator = "Сидорова", outlets = outlets + 1
-- :p2 = 'North'
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.region = :p2);

-- clients | where region == "North" | sort id | select name, curator, outlets
-- :p2 = 'North'
SELECT c1.name AS col1, c1.curator AS col2, c1.outlets AS col3
FROM clients AS c1
WHERE (c1.region = :p2)
ORDER BY c1.id NULLS LAST;

-- update orders | where client.name == "ООО Ромашка" set gross = 2000
-- :p3 = 'ООО Ромашка'
SELECT o1.id AS id
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id
WHERE (c2.name = :p3);

-- orders | where client.name == "ООО Ромашка" | select gross, discount, net
-- :p3 = 'ООО Ромашка'
SELECT o1.gross_minor AS col1, o1.discount_minor AS col2, o1.net_minor AS col3
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id
WHERE (c2.name = :p3)
ORDER BY o1.id;

-- delete orders | where status == "cancelled"
-- :p2 = 'cancelled'
SELECT o1.id AS id
FROM orders AS o1
WHERE (o1.status = :p2);

-- delete contacts | where birthday == null
SELECT c1.id AS id
FROM contacts AS c1
WHERE (c1.birthday IS NULL);

-- delete all payments
SELECT p1.id AS id
FROM payments AS p1;

-- payments | count
SELECT COUNT(*) AS col1 FROM (SELECT p1.id AS col1, p1.date AS col2, o2.number AS col3, p1.amount_minor AS col4
FROM payments AS p1
LEFT JOIN orders AS o2 ON o2.id = p1.order_id);

-- north | where turnover > 200 | sort name | select name, turnover
-- :p4 = '2025-01-01'
-- :p5 = '2025-12-31'
-- :p2 = 'North'
-- :p7 = 20000
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j6.turnover, 0) AS col2
FROM clients AS c1
LEFT JOIN sales3 AS j6 ON j6.client_id = c1.id
WHERE (c1.region = :p2) AND (COALESCE(j6.turnover, 0) > :p7) AND (j6.client_id = c1.id)
ORDER BY c1.name COLLATE CLIENTELE_NOCASE NULLS LAST, c1.id;

-- north | count
-- :p3 = 3
-- :p2 = 'North'
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p3 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1
WHERE (c1.region = :p2));

-- explain clients | where region == "North" and turnover > 1000 | sort name | take 5
-- :p4 = '2025-01-01'
-- :p5 = '2025-12-31'
-- :p8 = 3
-- :p2 = 'North'
-- :p7 = 100000
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id)
SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p8 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5, COALESCE(j6.turnover, 0) AS col6
FROM clients AS c1
LEFT JOIN sales3 AS j6 ON j6.client_id = c1.id
WHERE ((c1.region = :p2) AND (COALESCE(j6.turnover, 0) > :p7)) AND (j6.client_id = c1.id)
ORDER BY c1.name COLLATE CLIENTELE_NOCASE NULLS LAST, c1.id
LIMIT 5;
