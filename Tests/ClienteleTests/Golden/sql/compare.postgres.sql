-- compare baseline, "every kind" over 2025
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id),
     s1_sales2 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN $4 AND $5 GROUP BY client_id),
     s1_abcshare10 AS (SELECT client_id, class FROM clientele_pareto_classes($6, $7, NULL, $8, $9, $10, $11, $12, $13) AS ranks),
     s1_importance32 AS (SELECT client_id, class FROM clientele_pareto_classes($14, $15, $16, $17, $18, $19, $20, $21, $22) AS ranks),
     cond1 AS MATERIALIZED (SELECT c1.id AS client_id, CASE WHEN CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $23 WHEN j5.turnover > $24 THEN 'A' WHEN j5.turnover >= $25 THEN 'B' ELSE 'C' END = $26 THEN $27 ELSE 0 END AS r1, CASE WHEN CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $28 WHEN j5.turnover > $29 THEN 'A' WHEN j5.turnover >= $30 THEN 'B' ELSE 'C' END = $31 THEN $32 ELSE 0 END AS r2, 0 AS assume
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id),
     cond2 AS MATERIALIZED (SELECT s1_c1.id AS client_id, CASE WHEN CASE WHEN s1_j5.turnover IS NULL OR s1_j5.turnover <= 0 THEN NULL WHEN s1_j8.shipped = 1 THEN $33 ELSE s1_j19.class END = $34 THEN $35 ELSE 0 END AS r1, CASE WHEN CASE WHEN s1_j5.turnover IS NULL OR s1_j5.turnover <= 0 THEN NULL WHEN s1_j8.shipped = 1 THEN $36 ELSE s1_j19.class END = $37 THEN $38 ELSE 0 END AS r2, CASE WHEN s1_c1.region = $39 THEN CASE WHEN COALESCE(clientele_rdiv(s1_j5.turnover, s1_j5.orders_count), 0) >= $40 THEN $41 WHEN COALESCE(clientele_rdiv(s1_j5.turnover, s1_j5.orders_count), 0) >= $42 THEN $43 ELSE 0 END ELSE 0 END AS r3, CASE WHEN TRUE THEN $44 ELSE 0 END AS r4, CASE WHEN s1_j42.class = $45 THEN $46 ELSE 0 END AS r5, CASE WHEN CASE WHEN s1_j5.turnover IS NULL OR s1_j5.turnover <= 0 THEN NULL WHEN s1_j8.shipped = 1 THEN $47 ELSE s1_j19.class END = $48 THEN 1 ELSE 0 END AS assume
FROM clients AS s1_c1
LEFT JOIN s1_sales2 AS s1_j5 ON s1_j5.client_id = s1_c1.id
LEFT JOIN firstdeal6 AS s1_j8 ON s1_j8.client_id = s1_c1.id
LEFT JOIN s1_abcshare10 AS s1_j19 ON s1_j19.client_id = s1_c1.id
LEFT JOIN s1_importance32 AS s1_j42 ON s1_j42.client_id = s1_c1.id),
     conds AS MATERIALIZED (SELECT k1.client_id, k1.assume AS a1, LEAST(10000, GREATEST(0, CASE WHEN k1.r1 > 0 THEN k1.r1 ELSE 0 END, CASE WHEN k1.r2 > 0 THEN k1.r2 ELSE 0 END)) AS b1, k2.assume AS a2, k2.r1 AS r2_1, k2.r2 AS r2_2, k2.r3 AS r2_3, k2.r4 AS r2_4, k2.r5 AS r2_5 FROM cond1 k1 JOIN cond2 k2 ON k2.client_id = k1.client_id)
SELECT o.id, o.client_id, l.category_id, COALESCE(l.gross_minor, o.gross_minor), o.discount_minor, k.a1, k.b1, k.a2, CASE WHEN (CASE WHEN k.r2_5 > 0 THEN k.r2_5 ELSE 0 END) > 0 THEN (CASE WHEN k.r2_5 > 0 THEN k.r2_5 ELSE 0 END) ELSE GREATEST(GREATEST(0, (CASE WHEN k.r2_1 > 0 THEN k.r2_1 ELSE 0 END), (CASE WHEN k.r2_2 > 0 THEN k.r2_2 ELSE 0 END), (CASE WHEN k.r2_3 > 0 THEN k.r2_3 ELSE 0 END)), LEAST(GREATEST(0, (CASE WHEN k.r2_1 > 0 THEN k.r2_1 ELSE 0 END), (CASE WHEN k.r2_2 > 0 THEN k.r2_2 ELSE 0 END), (CASE WHEN k.r2_3 > 0 THEN k.r2_3 ELSE 0 END)) + ((CASE WHEN k.r2_4 > 0 AND o.order_date >= $49 AND o.order_date <= $50 AND CAST(EXTRACT(MONTH FROM o.order_date) AS INTEGER) IN ($51, $52) AND o.gross_minor >= $53 AND l.category_id = $54 THEN k.r2_4 ELSE 0 END)), LEAST(10000, CASE WHEN (CASE WHEN k.r2_4 > 0 AND o.order_date >= $49 AND o.order_date <= $50 AND CAST(EXTRACT(MONTH FROM o.order_date) AS INTEGER) IN ($51, $52) AND o.gross_minor >= $53 AND l.category_id = $54 THEN k.r2_4 ELSE 0 END) > 0 THEN $55 ELSE 10000 END))) END
FROM orders o
LEFT JOIN order_lines l ON l.order_id = o.id
JOIN conds k ON k.client_id = o.client_id
WHERE o.status = 'shipped' AND o.order_date BETWEEN $56 AND $57
ORDER BY o.id;
