-- clients | sort id | select name, importance, rfm, rfm_r, rfm_f, rfm_m
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = 'importance_group'
-- $4 = 'retail'
-- $5 = 2000
-- $6 = 7000
-- $7 = 'key'
-- $8 = 'medium'
-- $9 = 'small'
-- $10 = '2025-01-01'
-- $11 = '2025-12-31'
WITH importance2 AS (SELECT client_id, class FROM clientele_pareto_classes($1, $2, $3, $4, $5, $6, $7, $8, $9) AS ranks),
     rfm13 AS (SELECT client_id, r, f, m FROM clientele_rfm_scores($10, $11) AS scores)
SELECT c1.name AS col1, j12.class AS col2, (CAST(j16.r AS TEXT) || j16.f || j16.m) AS col3, j16.r AS col4, j16.f AS col5, j16.m AS col6
FROM clients AS c1
LEFT JOIN importance2 AS j12 ON j12.client_id = c1.id
LEFT JOIN rfm13 AS j16 ON j16.client_id = c1.id
ORDER BY c1.id NULLS LAST;

-- clients | sort id | select name, credit_limit, open_balance, shipment_blocked, block_reasons
-- $1 = '; first payment overdue'
-- $2 = '; first delivery not paid in full'
-- $3 = '; overdue order '
-- $4 = '; credit limit exceeded'
-- $5 = '; first batch not sold'
-- $6 = '; manual: '
-- $7 = 0
-- $8 = 20000
-- $9 = 3
-- $10 = 15000
-- $11 = '2025-12-31'
-- $12 = 10
WITH ship2 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN $1 ELSE '' END || CASE WHEN first_unpaid THEN $2 ELSE '' END || CASE WHEN overdue_stop THEN $3 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN $4 ELSE '' END || CASE WHEN not_sold THEN $5 ELSE '' END || CASE WHEN manual THEN $6 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > $7) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < $11) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= $11) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= (b.first_date + CAST($12 AS INTEGER)) AND o3.order_date <= $11)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11) AS subquery1 WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, ($11 - o.due_date) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 AND o.paid_minor < o.net_minor AND o.due_date < $11) AS subquery2 WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= $11 GROUP BY client_id) b ON b.client_id = c.id) AS subquery3) AS subquery4)
SELECT c1.name AS col1, j15.credit_limit AS col2, j15.open_balance AS col3, (j15.reasons IS NOT NULL) AS col4, j15.reasons AS col5
FROM clients AS c1
LEFT JOIN ship2 AS j15 ON j15.client_id = c1.id
ORDER BY c1.id NULLS LAST;

-- clients | sort id | select name, late_payments, max_overdue_days, unpaid, risk, days_since_last_order
-- $1 = '2025-06-30'
-- $2 = '2025-06-30'
-- $3 = '2024-07-01'
-- $4 = '2024-07-01'
-- $5 = '2025-06-30'
-- $6 = 2
-- $7 = 5
-- $8 = 3
-- $9 = 7
-- $10 = '2025-06-30'
WITH disc2 AS (SELECT client_id, COUNT(*) FILTER (WHERE overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(GREATEST(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN GREATEST(0, COALESCE((last_paid - due_date), 0)) WHEN due_date < $1 THEN ($1 - due_date) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, COALESCE((SELECT SUM(p.amount_minor) FROM payments p WHERE p.order_id = o.id AND p.date <= $1), 0) AS paid, (SELECT MAX(p.date) FROM payments p WHERE p.order_id = o.id AND p.date <= $1) AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $2) AS subquery1 WHERE order_date >= $3 OR paid < net_minor OR last_paid > $2) AS subquery2 GROUP BY client_id),
     sales11 AS (SELECT client_id, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN $4 AND $5 GROUP BY client_id)
SELECT c1.name AS col1, COALESCE(j6.late_payments, 0) AS col2, COALESCE(j6.max_overdue_days, 0) AS col3, COALESCE(j6.unpaid, 0) AS col4, GREATEST(CASE WHEN COALESCE(j6.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j6.late_payments, 0) <= $6 THEN 1 WHEN COALESCE(j6.late_payments, 0) <= $7 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j6.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j6.max_overdue_days, 0) <= $8 THEN 1 WHEN COALESCE(j6.max_overdue_days, 0) <= $9 THEN 2 ELSE 3 END) AS col5, ($10 - j14.last_order) AS col6
FROM clients AS c1
LEFT JOIN disc2 AS j6 ON j6.client_id = c1.id
LEFT JOIN sales11 AS j14 ON j14.client_id = c1.id
ORDER BY c1.id NULLS LAST;

-- clients | where importance != null | sort id | select name, importance
-- $1 = '2024-07-01'
-- $2 = '2025-06-30'
-- $3 = 'region'
-- $4 = ''
-- $5 = 2000
-- $6 = 7000
-- $7 = 'key'
-- $8 = 'medium'
-- $9 = 'small'
WITH importance2 AS (SELECT client_id, class FROM clientele_pareto_classes($1, $2, $3, $4, $5, $6, $7, $8, $9) AS ranks)
SELECT c1.name AS col1, j12.class AS col2
FROM clients AS c1
LEFT JOIN importance2 AS j12 ON j12.client_id = c1.id
WHERE (j12.class IS NOT NULL) AND (j12.client_id = c1.id)
ORDER BY c1.id NULLS LAST;

-- clients | group abc agg n = count(), revenue = sum(turnover)
-- $1 = '2024-07-01'
-- $2 = '2025-06-30'
-- $3 = '2025-06-30'
-- $4 = '2024-07-01'
-- $5 = '2025-06-30'
-- $6 = ''
-- $7 = 8000
-- $8 = 9500
-- $9 = 'A'
-- $10 = 'B'
-- $11 = 'C'
-- $12 = 'C'
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id),
     abcshare10 AS (SELECT client_id, class FROM clientele_pareto_classes($4, $5, NULL, $6, $7, $8, $9, $10, $11) AS ranks)
SELECT CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $12 ELSE j19.class END AS col1, COUNT(*) AS col2, COALESCE(SUM(COALESCE(j5.turnover, 0)), 0) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id
LEFT JOIN abcshare10 AS j19 ON j19.client_id = c1.id
GROUP BY CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $12 ELSE j19.class END
ORDER BY CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $12 ELSE j19.class END COLLATE clientele_ci NULLS LAST;

-- clients | where name ~ "a" and name !~ "z" | sort name | skip 2
-- $1 = 3
-- $2 = 'a'
-- $3 = 'z'
SELECT c1.id AS col1, c1.name AS col2, c1.region AS col3, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col4, c1.curator AS col5
FROM clients AS c1
WHERE ((clientele_contains(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), $2)) AND (NOT clientele_contains(replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е'), $3)))
ORDER BY c1.name COLLATE clientele_ci NULLS LAST, c1.id
LIMIT ALL OFFSET 2;

-- clients | select name, orders = count(orders), paid = sum(orders.net), biggest = max(orders.net), average = avg(orders.net)
SELECT c1.name AS col1, (SELECT COUNT(*) AS v
FROM orders AS o2
WHERE (o2.client_id = c1.id)) AS col2, (SELECT COALESCE(SUM(o3.net_minor), 0) AS v
FROM orders AS o3
WHERE (o3.client_id = c1.id)) AS col3, (SELECT MAX(o4.net_minor) AS v
FROM orders AS o4
WHERE (o4.client_id = c1.id)) AS col4, (SELECT clientele_rdiv(SUM(o5.net_minor), COUNT(o5.net_minor)) AS v
FROM orders AS o5
WHERE (o5.client_id = c1.id)) AS col5
FROM clients AS c1
ORDER BY c1.id;

-- orders | where order_date + 30 days > 2025-06-01 | select number, year = year(order_date), month = month(order_date), net
-- $1 = 30
-- $2 = '2025-06-01'
SELECT o1.number AS col1, CAST(EXTRACT(YEAR FROM o1.order_date) AS INTEGER) AS col2, CAST(EXTRACT(MONTH FROM o1.order_date) AS INTEGER) AS col3, o1.net_minor AS col4
FROM orders AS o1
WHERE (clientele_add_days(o1.order_date, $1) > $2)
ORDER BY o1.id;

-- clients | where turnover > 1000 | group region agg n = count(), share = share(sum(turnover))
-- $1 = '2024-07-01'
-- $2 = '2025-06-30'
-- $3 = 100000
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id)
SELECT c1.region AS col1, COUNT(*) AS col2, clientele_rdiv((COALESCE(SUM(COALESCE(j5.turnover, 0)), 0)) * 10000, NULLIF(SUM(COALESCE(SUM(COALESCE(j5.turnover, 0)), 0)) OVER (), 0)) AS col3
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
WHERE (COALESCE(j5.turnover, 0) > $3) AND (j5.client_id = c1.id)
GROUP BY c1.region
ORDER BY c1.region COLLATE clientele_ci NULLS LAST;
