-- compare baseline, "every kind" over 2025
WITH sales2 AS (SELECT client_id, SUM(net_minor) AS turnover FROM orders WHERE status = 'shipped' AND order_date BETWEEN $1 AND $2 GROUP BY client_id),
     firstdeal6 AS (SELECT client_id, COUNT(*) AS shipped FROM orders WHERE status = 'shipped' AND order_date <= $3 GROUP BY client_id),
     s1_sales2 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count FROM orders WHERE status = 'shipped' AND order_date BETWEEN $4 AND $5 GROUP BY client_id),
     s1_abcshare10 AS (SELECT client_id, class FROM clientele_pareto_classes($6, $7, NULL, $8, $9, $10, $11, $12) AS ranks),
     s1_importance31 AS (SELECT client_id, class FROM clientele_pareto_classes($13, $14, NULL, $15, $16, $17, $18, $19) AS ranks),
     cond1 AS MATERIALIZED (SELECT c1.id AS client_id, CASE WHEN CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $20 WHEN j5.turnover > $21 THEN 'A' WHEN j5.turnover >= $22 THEN 'B' ELSE 'C' END = $23 THEN $24 ELSE 0 END AS r1, CASE WHEN CASE WHEN j5.turnover IS NULL OR j5.turnover <= 0 THEN NULL WHEN j8.shipped = 1 THEN $25 WHEN j5.turnover > $26 THEN 'A' WHEN j5.turnover >= $27 THEN 'B' ELSE 'C' END = $28 THEN $29 ELSE 0 END AS r2, 0 AS assume
FROM clients AS c1
LEFT JOIN sales2 AS j5 ON j5.client_id = c1.id
LEFT JOIN firstdeal6 AS j8 ON j8.client_id = c1.id),
     cond2 AS MATERIALIZED (SELECT s1_c1.id AS client_id, CASE WHEN CASE WHEN s1_j5.turnover IS NULL OR s1_j5.turnover <= 0 THEN NULL WHEN s1_j8.shipped = 1 THEN $30 ELSE s1_j18.class END = $31 THEN $32 ELSE 0 END AS r1, CASE WHEN CASE WHEN s1_j5.turnover IS NULL OR s1_j5.turnover <= 0 THEN NULL WHEN s1_j8.shipped = 1 THEN $33 ELSE s1_j18.class END = $34 THEN $35 ELSE 0 END AS r2, CASE WHEN s1_c1.region = $36 THEN CASE WHEN COALESCE(clientele_rdiv(s1_j5.turnover, s1_j5.orders_count), 0) >= $37 THEN $38 WHEN COALESCE(clientele_rdiv(s1_j5.turnover, s1_j5.orders_count), 0) >= $39 THEN $40 ELSE 0 END ELSE 0 END AS r3, CASE WHEN TRUE THEN $41 ELSE 0 END AS r4, CASE WHEN s1_j39.class = $42 THEN $43 ELSE 0 END AS r5, CASE WHEN CASE WHEN s1_j5.turnover IS NULL OR s1_j5.turnover <= 0 THEN NULL WHEN s1_j8.shipped = 1 THEN $44 ELSE s1_j18.class END = $45 THEN 1 ELSE 0 END AS assume
FROM clients AS s1_c1
LEFT JOIN s1_sales2 AS s1_j5 ON s1_j5.client_id = s1_c1.id
LEFT JOIN firstdeal6 AS s1_j8 ON s1_j8.client_id = s1_c1.id
LEFT JOIN s1_abcshare10 AS s1_j18 ON s1_j18.client_id = s1_c1.id
LEFT JOIN s1_importance31 AS s1_j39 ON s1_j39.client_id = s1_c1.id),
     conds AS MATERIALIZED (SELECT k1.client_id, k1.assume AS a1, LEAST(10000, GREATEST(0, CASE WHEN k1.r1 > 0 THEN k1.r1 ELSE 0 END, CASE WHEN k1.r2 > 0 THEN k1.r2 ELSE 0 END)) AS b1, k2.assume AS a2, k2.r1 AS r2_1, k2.r2 AS r2_2, k2.r3 AS r2_3, k2.r4 AS r2_4, k2.r5 AS r2_5 FROM cond1 k1 JOIN cond2 k2 ON k2.client_id = k1.client_id)
SELECT o.id, o.client_id, l.category_id, COALESCE(l.gross_minor, o.gross_minor), o.discount_minor, k.a1, k.b1, k.a2, CASE WHEN (CASE WHEN k.r2_5 > 0 THEN k.r2_5 ELSE 0 END) > 0 THEN (CASE WHEN k.r2_5 > 0 THEN k.r2_5 ELSE 0 END) ELSE GREATEST(GREATEST(0, (CASE WHEN k.r2_1 > 0 THEN k.r2_1 ELSE 0 END), (CASE WHEN k.r2_2 > 0 THEN k.r2_2 ELSE 0 END), (CASE WHEN k.r2_3 > 0 THEN k.r2_3 ELSE 0 END)), LEAST(GREATEST(0, (CASE WHEN k.r2_1 > 0 THEN k.r2_1 ELSE 0 END), (CASE WHEN k.r2_2 > 0 THEN k.r2_2 ELSE 0 END), (CASE WHEN k.r2_3 > 0 THEN k.r2_3 ELSE 0 END)) + ((CASE WHEN k.r2_4 > 0 AND o.order_date >= $46 AND o.order_date <= $47 AND CAST(EXTRACT(MONTH FROM o.order_date) AS INTEGER) IN ($48, $49) AND o.gross_minor >= $50 AND l.category_id = $51 THEN k.r2_4 ELSE 0 END)), LEAST(10000, CASE WHEN (CASE WHEN k.r2_4 > 0 AND o.order_date >= $46 AND o.order_date <= $47 AND CAST(EXTRACT(MONTH FROM o.order_date) AS INTEGER) IN ($48, $49) AND o.gross_minor >= $50 AND l.category_id = $51 THEN k.r2_4 ELSE 0 END) > 0 THEN $52 ELSE 10000 END))) END
FROM orders o
LEFT JOIN order_lines l ON l.order_id = o.id
JOIN conds k ON k.client_id = o.client_id
WHERE o.status = 'shipped' AND o.order_date BETWEEN $53 AND $54
ORDER BY o.id;
