-- clients | where rfm != null | sort id | select id, rfm, rfm_segment
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = 4
-- $4 = 5
-- $5 = 4
-- $6 = 5
-- $7 = 4
-- $8 = 5
-- $9 = 'Champions'
-- $10 = 2
-- $11 = 5
-- $12 = 3
-- $13 = 5
-- $14 = 3
-- $15 = 5
-- $16 = 'Loyal customers'
-- $17 = 3
-- $18 = 5
-- $19 = 1
-- $20 = 3
-- $21 = 1
-- $22 = 3
-- $23 = 'Potential loyalist'
-- $24 = 4
-- $25 = 5
-- $26 = 1
-- $27 = 1
-- $28 = 1
-- $29 = 1
-- $30 = 'New customers'
-- $31 = 3
-- $32 = 4
-- $33 = 1
-- $34 = 1
-- $35 = 1
-- $36 = 1
-- $37 = 'Promising'
-- $38 = 2
-- $39 = 3
-- $40 = 2
-- $41 = 3
-- $42 = 2
-- $43 = 3
-- $44 = 'Need attention'
-- $45 = 2
-- $46 = 3
-- $47 = 1
-- $48 = 2
-- $49 = 1
-- $50 = 2
-- $51 = 'About to sleep'
-- $52 = 1
-- $53 = 2
-- $54 = 2
-- $55 = 5
-- $56 = 2
-- $57 = 5
-- $58 = 'At risk'
-- $59 = 1
-- $60 = 1
-- $61 = 4
-- $62 = 5
-- $63 = 4
-- $64 = 5
-- $65 = 'Can''t lose them'
-- $66 = 2
-- $67 = 2
-- $68 = 1
-- $69 = 2
-- $70 = 1
-- $71 = 2
-- $72 = 'Hibernating'
-- $73 = 1
-- $74 = 1
-- $75 = 1
-- $76 = 2
-- $77 = 1
-- $78 = 2
-- $79 = 'Lost'
-- $80 = 'Others'
WITH rfm2 AS (SELECT client_id, r, f, m FROM clientele_rfm_scores($1, $2) AS scores)
SELECT c1.id AS col1, (CAST(j5.r AS TEXT) || j5.f || j5.m) AS col2, CASE WHEN j5.r IS NULL THEN NULL WHEN j5.r BETWEEN $3 AND $4 AND j5.f BETWEEN $5 AND $6 AND j5.m BETWEEN $7 AND $8 THEN $9 WHEN j5.r BETWEEN $10 AND $11 AND j5.f BETWEEN $12 AND $13 AND j5.m BETWEEN $14 AND $15 THEN $16 WHEN j5.r BETWEEN $17 AND $18 AND j5.f BETWEEN $19 AND $20 AND j5.m BETWEEN $21 AND $22 THEN $23 WHEN j5.r BETWEEN $24 AND $25 AND j5.f BETWEEN $26 AND $27 AND j5.m BETWEEN $28 AND $29 THEN $30 WHEN j5.r BETWEEN $31 AND $32 AND j5.f BETWEEN $33 AND $34 AND j5.m BETWEEN $35 AND $36 THEN $37 WHEN j5.r BETWEEN $38 AND $39 AND j5.f BETWEEN $40 AND $41 AND j5.m BETWEEN $42 AND $43 THEN $44 WHEN j5.r BETWEEN $45 AND $46 AND j5.f BETWEEN $47 AND $48 AND j5.m BETWEEN $49 AND $50 THEN $51 WHEN j5.r BETWEEN $52 AND $53 AND j5.f BETWEEN $54 AND $55 AND j5.m BETWEEN $56 AND $57 THEN $58 WHEN j5.r BETWEEN $59 AND $60 AND j5.f BETWEEN $61 AND $62 AND j5.m BETWEEN $63 AND $64 THEN $65 WHEN j5.r BETWEEN $66 AND $67 AND j5.f BETWEEN $68 AND $69 AND j5.m BETWEEN $70 AND $71 THEN $72 WHEN j5.r BETWEEN $73 AND $74 AND j5.f BETWEEN $75 AND $76 AND j5.m BETWEEN $77 AND $78 THEN $79 ELSE $80 END AS col3
FROM clients AS c1
LEFT JOIN rfm2 AS j5 ON j5.client_id = c1.id
WHERE ((CAST(j5.r AS TEXT) || j5.f || j5.m) IS NOT NULL) AND (j5.client_id = c1.id)
ORDER BY c1.id NULLS LAST;

-- rfm_segments | select position, name, r_min, r_max, f_min, f_max, m_min, m_max
SELECT r1.position AS col1, r1.name AS col2, r1.r_min AS col3, r1.r_max AS col4, r1.f_min AS col5, r1.f_max AS col6, r1.m_min AS col7, r1.m_max AS col8
FROM rfm_segments AS r1
ORDER BY r1.id;

-- update rfm_segments | where name == "Lost" set m_max = 4
-- $1 = 'Lost'
SELECT r1.id AS id
FROM rfm_segments AS r1
WHERE (r1.name = $1);

-- clients | where rfm != null | group rfm_segment agg n = count() | sort rfm_segment
-- $1 = '2025-01-01'
-- $2 = '2025-12-31'
-- $3 = 4
-- $4 = 5
-- $5 = 4
-- $6 = 5
-- $7 = 4
-- $8 = 5
-- $9 = 'Champions'
-- $10 = 2
-- $11 = 5
-- $12 = 3
-- $13 = 5
-- $14 = 3
-- $15 = 5
-- $16 = 'Loyal customers'
-- $17 = 3
-- $18 = 5
-- $19 = 1
-- $20 = 3
-- $21 = 1
-- $22 = 3
-- $23 = 'Potential loyalist'
-- $24 = 4
-- $25 = 5
-- $26 = 1
-- $27 = 1
-- $28 = 1
-- $29 = 1
-- $30 = 'New customers'
-- $31 = 3
-- $32 = 4
-- $33 = 1
-- $34 = 1
-- $35 = 1
-- $36 = 1
-- $37 = 'Promising'
-- $38 = 2
-- $39 = 3
-- $40 = 2
-- $41 = 3
-- $42 = 2
-- $43 = 3
-- $44 = 'Need attention'
-- $45 = 2
-- $46 = 3
-- $47 = 1
-- $48 = 2
-- $49 = 1
-- $50 = 2
-- $51 = 'About to sleep'
-- $52 = 1
-- $53 = 2
-- $54 = 2
-- $55 = 5
-- $56 = 2
-- $57 = 5
-- $58 = 'At risk'
-- $59 = 1
-- $60 = 1
-- $61 = 4
-- $62 = 5
-- $63 = 4
-- $64 = 5
-- $65 = 'Can''t lose them'
-- $66 = 2
-- $67 = 2
-- $68 = 1
-- $69 = 2
-- $70 = 1
-- $71 = 2
-- $72 = 'Hibernating'
-- $73 = 1
-- $74 = 1
-- $75 = 1
-- $76 = 2
-- $77 = 1
-- $78 = 2
-- $79 = 'Lost'
-- $80 = 'Unsorted'
WITH rfm2 AS (SELECT client_id, r, f, m FROM clientele_rfm_scores($1, $2) AS scores)
SELECT CASE WHEN j5.r IS NULL THEN NULL WHEN j5.r BETWEEN $3 AND $4 AND j5.f BETWEEN $5 AND $6 AND j5.m BETWEEN $7 AND $8 THEN $9 WHEN j5.r BETWEEN $10 AND $11 AND j5.f BETWEEN $12 AND $13 AND j5.m BETWEEN $14 AND $15 THEN $16 WHEN j5.r BETWEEN $17 AND $18 AND j5.f BETWEEN $19 AND $20 AND j5.m BETWEEN $21 AND $22 THEN $23 WHEN j5.r BETWEEN $24 AND $25 AND j5.f BETWEEN $26 AND $27 AND j5.m BETWEEN $28 AND $29 THEN $30 WHEN j5.r BETWEEN $31 AND $32 AND j5.f BETWEEN $33 AND $34 AND j5.m BETWEEN $35 AND $36 THEN $37 WHEN j5.r BETWEEN $38 AND $39 AND j5.f BETWEEN $40 AND $41 AND j5.m BETWEEN $42 AND $43 THEN $44 WHEN j5.r BETWEEN $45 AND $46 AND j5.f BETWEEN $47 AND $48 AND j5.m BETWEEN $49 AND $50 THEN $51 WHEN j5.r BETWEEN $52 AND $53 AND j5.f BETWEEN $54 AND $55 AND j5.m BETWEEN $56 AND $57 THEN $58 WHEN j5.r BETWEEN $59 AND $60 AND j5.f BETWEEN $61 AND $62 AND j5.m BETWEEN $63 AND $64 THEN $65 WHEN j5.r BETWEEN $66 AND $67 AND j5.f BETWEEN $68 AND $69 AND j5.m BETWEEN $70 AND $71 THEN $72 WHEN j5.r BETWEEN $73 AND $74 AND j5.f BETWEEN $75 AND $76 AND j5.m BETWEEN $77 AND $78 THEN $79 ELSE $80 END AS col1, COUNT(*) AS col2
FROM rfm2 AS j5
WHERE ((CAST(j5.r AS TEXT) || j5.f || j5.m) IS NOT NULL)
GROUP BY CASE WHEN j5.r IS NULL THEN NULL WHEN j5.r BETWEEN $3 AND $4 AND j5.f BETWEEN $5 AND $6 AND j5.m BETWEEN $7 AND $8 THEN $9 WHEN j5.r BETWEEN $10 AND $11 AND j5.f BETWEEN $12 AND $13 AND j5.m BETWEEN $14 AND $15 THEN $16 WHEN j5.r BETWEEN $17 AND $18 AND j5.f BETWEEN $19 AND $20 AND j5.m BETWEEN $21 AND $22 THEN $23 WHEN j5.r BETWEEN $24 AND $25 AND j5.f BETWEEN $26 AND $27 AND j5.m BETWEEN $28 AND $29 THEN $30 WHEN j5.r BETWEEN $31 AND $32 AND j5.f BETWEEN $33 AND $34 AND j5.m BETWEEN $35 AND $36 THEN $37 WHEN j5.r BETWEEN $38 AND $39 AND j5.f BETWEEN $40 AND $41 AND j5.m BETWEEN $42 AND $43 THEN $44 WHEN j5.r BETWEEN $45 AND $46 AND j5.f BETWEEN $47 AND $48 AND j5.m BETWEEN $49 AND $50 THEN $51 WHEN j5.r BETWEEN $52 AND $53 AND j5.f BETWEEN $54 AND $55 AND j5.m BETWEEN $56 AND $57 THEN $58 WHEN j5.r BETWEEN $59 AND $60 AND j5.f BETWEEN $61 AND $62 AND j5.m BETWEEN $63 AND $64 THEN $65 WHEN j5.r BETWEEN $66 AND $67 AND j5.f BETWEEN $68 AND $69 AND j5.m BETWEEN $70 AND $71 THEN $72 WHEN j5.r BETWEEN $73 AND $74 AND j5.f BETWEEN $75 AND $76 AND j5.m BETWEEN $77 AND $78 THEN $79 ELSE $80 END
ORDER BY CASE WHEN j5.r IS NULL THEN NULL WHEN j5.r BETWEEN $3 AND $4 AND j5.f BETWEEN $5 AND $6 AND j5.m BETWEEN $7 AND $8 THEN $9 WHEN j5.r BETWEEN $10 AND $11 AND j5.f BETWEEN $12 AND $13 AND j5.m BETWEEN $14 AND $15 THEN $16 WHEN j5.r BETWEEN $17 AND $18 AND j5.f BETWEEN $19 AND $20 AND j5.m BETWEEN $21 AND $22 THEN $23 WHEN j5.r BETWEEN $24 AND $25 AND j5.f BETWEEN $26 AND $27 AND j5.m BETWEEN $28 AND $29 THEN $30 WHEN j5.r BETWEEN $31 AND $32 AND j5.f BETWEEN $33 AND $34 AND j5.m BETWEEN $35 AND $36 THEN $37 WHEN j5.r BETWEEN $38 AND $39 AND j5.f BETWEEN $40 AND $41 AND j5.m BETWEEN $42 AND $43 THEN $44 WHEN j5.r BETWEEN $45 AND $46 AND j5.f BETWEEN $47 AND $48 AND j5.m BETWEEN $49 AND $50 THEN $51 WHEN j5.r BETWEEN $52 AND $53 AND j5.f BETWEEN $54 AND $55 AND j5.m BETWEEN $56 AND $57 THEN $58 WHEN j5.r BETWEEN $59 AND $60 AND j5.f BETWEEN $61 AND $62 AND j5.m BETWEEN $63 AND $64 THEN $65 WHEN j5.r BETWEEN $66 AND $67 AND j5.f BETWEEN $68 AND $69 AND j5.m BETWEEN $70 AND $71 THEN $72 WHEN j5.r BETWEEN $73 AND $74 AND j5.f BETWEEN $75 AND $76 AND j5.m BETWEEN $77 AND $78 THEN $79 ELSE $80 END COLLATE clientele_ci NULLS LAST;

-- movement rfm_segment from 2024 to 2025 | select name, from, to
-- $1 = '2024-01-01'
-- $2 = '2024-12-31'
-- $3 = '2025-01-01'
-- $4 = '2025-12-31'
-- $5 = 4
-- $6 = 5
-- $7 = 4
-- $8 = 5
-- $9 = 4
-- $10 = 5
-- $11 = 'Champions'
-- $12 = 2
-- $13 = 5
-- $14 = 3
-- $15 = 5
-- $16 = 3
-- $17 = 5
-- $18 = 'Loyal customers'
-- $19 = 3
-- $20 = 5
-- $21 = 1
-- $22 = 3
-- $23 = 1
-- $24 = 3
-- $25 = 'Potential loyalist'
-- $26 = 4
-- $27 = 5
-- $28 = 1
-- $29 = 1
-- $30 = 1
-- $31 = 1
-- $32 = 'New customers'
-- $33 = 3
-- $34 = 4
-- $35 = 1
-- $36 = 1
-- $37 = 1
-- $38 = 1
-- $39 = 'Promising'
-- $40 = 2
-- $41 = 3
-- $42 = 2
-- $43 = 3
-- $44 = 2
-- $45 = 3
-- $46 = 'Need attention'
-- $47 = 2
-- $48 = 3
-- $49 = 1
-- $50 = 2
-- $51 = 1
-- $52 = 2
-- $53 = 'About to sleep'
-- $54 = 1
-- $55 = 2
-- $56 = 2
-- $57 = 5
-- $58 = 2
-- $59 = 5
-- $60 = 'At risk'
-- $61 = 1
-- $62 = 1
-- $63 = 4
-- $64 = 5
-- $65 = 4
-- $66 = 5
-- $67 = 'Can''t lose them'
-- $68 = 2
-- $69 = 2
-- $70 = 1
-- $71 = 2
-- $72 = 1
-- $73 = 2
-- $74 = 'Hibernating'
-- $75 = 1
-- $76 = 1
-- $77 = 1
-- $78 = 2
-- $79 = 1
-- $80 = 4
-- $81 = 'Lost'
-- $82 = 'Unsorted'
-- $83 = 4
-- $84 = 5
-- $85 = 4
-- $86 = 5
-- $87 = 4
-- $88 = 5
-- $89 = 'Champions'
-- $90 = 2
-- $91 = 5
-- $92 = 3
-- $93 = 5
-- $94 = 3
-- $95 = 5
-- $96 = 'Loyal customers'
-- $97 = 3
-- $98 = 5
-- $99 = 1
-- $100 = 3
-- $101 = 1
-- $102 = 3
-- $103 = 'Potential loyalist'
-- $104 = 4
-- $105 = 5
-- $106 = 1
-- $107 = 1
-- $108 = 1
-- $109 = 1
-- $110 = 'New customers'
-- $111 = 3
-- $112 = 4
-- $113 = 1
-- $114 = 1
-- $115 = 1
-- $116 = 1
-- $117 = 'Promising'
-- $118 = 2
-- $119 = 3
-- $120 = 2
-- $121 = 3
-- $122 = 2
-- $123 = 3
-- $124 = 'Need attention'
-- $125 = 2
-- $126 = 3
-- $127 = 1
-- $128 = 2
-- $129 = 1
-- $130 = 2
-- $131 = 'About to sleep'
-- $132 = 1
-- $133 = 2
-- $134 = 2
-- $135 = 5
-- $136 = 2
-- $137 = 5
-- $138 = 'At risk'
-- $139 = 1
-- $140 = 1
-- $141 = 4
-- $142 = 5
-- $143 = 4
-- $144 = 5
-- $145 = 'Can''t lose them'
-- $146 = 2
-- $147 = 2
-- $148 = 1
-- $149 = 2
-- $150 = 1
-- $151 = 2
-- $152 = 'Hibernating'
-- $153 = 1
-- $154 = 1
-- $155 = 1
-- $156 = 2
-- $157 = 1
-- $158 = 4
-- $159 = 'Lost'
-- $160 = 'Unsorted'
WITH rfm2 AS (SELECT client_id, r, f, m FROM clientele_rfm_scores($1, $2) AS scores),
     rfm84 AS (SELECT client_id, r, f, m FROM clientele_rfm_scores($3, $4) AS scores)
SELECT c1.name AS col1, CASE WHEN j5.r IS NULL THEN NULL WHEN j5.r BETWEEN $5 AND $6 AND j5.f BETWEEN $7 AND $8 AND j5.m BETWEEN $9 AND $10 THEN $11 WHEN j5.r BETWEEN $12 AND $13 AND j5.f BETWEEN $14 AND $15 AND j5.m BETWEEN $16 AND $17 THEN $18 WHEN j5.r BETWEEN $19 AND $20 AND j5.f BETWEEN $21 AND $22 AND j5.m BETWEEN $23 AND $24 THEN $25 WHEN j5.r BETWEEN $26 AND $27 AND j5.f BETWEEN $28 AND $29 AND j5.m BETWEEN $30 AND $31 THEN $32 WHEN j5.r BETWEEN $33 AND $34 AND j5.f BETWEEN $35 AND $36 AND j5.m BETWEEN $37 AND $38 THEN $39 WHEN j5.r BETWEEN $40 AND $41 AND j5.f BETWEEN $42 AND $43 AND j5.m BETWEEN $44 AND $45 THEN $46 WHEN j5.r BETWEEN $47 AND $48 AND j5.f BETWEEN $49 AND $50 AND j5.m BETWEEN $51 AND $52 THEN $53 WHEN j5.r BETWEEN $54 AND $55 AND j5.f BETWEEN $56 AND $57 AND j5.m BETWEEN $58 AND $59 THEN $60 WHEN j5.r BETWEEN $61 AND $62 AND j5.f BETWEEN $63 AND $64 AND j5.m BETWEEN $65 AND $66 THEN $67 WHEN j5.r BETWEEN $68 AND $69 AND j5.f BETWEEN $70 AND $71 AND j5.m BETWEEN $72 AND $73 THEN $74 WHEN j5.r BETWEEN $75 AND $76 AND j5.f BETWEEN $77 AND $78 AND j5.m BETWEEN $79 AND $80 THEN $81 ELSE $82 END AS col2, CASE WHEN j87.r IS NULL THEN NULL WHEN j87.r BETWEEN $83 AND $84 AND j87.f BETWEEN $85 AND $86 AND j87.m BETWEEN $87 AND $88 THEN $89 WHEN j87.r BETWEEN $90 AND $91 AND j87.f BETWEEN $92 AND $93 AND j87.m BETWEEN $94 AND $95 THEN $96 WHEN j87.r BETWEEN $97 AND $98 AND j87.f BETWEEN $99 AND $100 AND j87.m BETWEEN $101 AND $102 THEN $103 WHEN j87.r BETWEEN $104 AND $105 AND j87.f BETWEEN $106 AND $107 AND j87.m BETWEEN $108 AND $109 THEN $110 WHEN j87.r BETWEEN $111 AND $112 AND j87.f BETWEEN $113 AND $114 AND j87.m BETWEEN $115 AND $116 THEN $117 WHEN j87.r BETWEEN $118 AND $119 AND j87.f BETWEEN $120 AND $121 AND j87.m BETWEEN $122 AND $123 THEN $124 WHEN j87.r BETWEEN $125 AND $126 AND j87.f BETWEEN $127 AND $128 AND j87.m BETWEEN $129 AND $130 THEN $131 WHEN j87.r BETWEEN $132 AND $133 AND j87.f BETWEEN $134 AND $135 AND j87.m BETWEEN $136 AND $137 THEN $138 WHEN j87.r BETWEEN $139 AND $140 AND j87.f BETWEEN $141 AND $142 AND j87.m BETWEEN $143 AND $144 THEN $145 WHEN j87.r BETWEEN $146 AND $147 AND j87.f BETWEEN $148 AND $149 AND j87.m BETWEEN $150 AND $151 THEN $152 WHEN j87.r BETWEEN $153 AND $154 AND j87.f BETWEEN $155 AND $156 AND j87.m BETWEEN $157 AND $158 THEN $159 ELSE $160 END AS col3
FROM clients AS c1
LEFT JOIN rfm2 AS j5 ON j5.client_id = c1.id
LEFT JOIN rfm84 AS j87 ON j87.client_id = c1.id
ORDER BY c1.id;

-- update rfm_segments | where name == "Lost" set r_min = 0
-- $1 = 'Lost'
SELECT r1.id AS id
FROM rfm_segments AS r1
WHERE (r1.name = $1);

-- update rfm_segments | where name == "Lost" set r_min = 2
-- $1 = 'Lost'
SELECT r1.id AS id
FROM rfm_segments AS r1
WHERE (r1.name = $1);

-- update rfm_segments | where name == "Lost" set m_max = 2
-- $1 = 'Lost'
SELECT r1.id AS id
FROM rfm_segments AS r1
WHERE (r1.name = $1);

-- clients | sort id | select id, name, credit_limit, exposure, shipment_blocked
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
SELECT c1.id AS col1, c1.name AS col2, j15.credit_limit AS col3, j15.open_balance AS col4, (j15.reasons IS NOT NULL) AS col5
FROM clients AS c1
LEFT JOIN ship2 AS j15 ON j15.client_id = c1.id
ORDER BY c1.id NULLS LAST;

-- clients | where shipment_blocked | sort id | select id, block_reasons
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
SELECT c1.id AS col1, j15.reasons AS col2
FROM clients AS c1
LEFT JOIN ship2 AS j15 ON j15.client_id = c1.id
WHERE ((j15.reasons IS NOT NULL))
ORDER BY c1.id NULLS LAST;

-- clients | where name == "Grace" | select exposure, credit_limit, block_reasons
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
-- $13 = 'Grace'
WITH ship3 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN $1 ELSE '' END || CASE WHEN first_unpaid THEN $2 ELSE '' END || CASE WHEN overdue_stop THEN $3 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN $4 ELSE '' END || CASE WHEN not_sold THEN $5 ELSE '' END || CASE WHEN manual THEN $6 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > $7) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < $11) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= $11) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= (b.first_date + CAST($12 AS INTEGER)) AND o3.order_date <= $11)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11) AS subquery1 WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, ($11 - o.due_date) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 AND o.paid_minor < o.net_minor AND o.due_date < $11) AS subquery2 WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= $11 GROUP BY client_id) b ON b.client_id = c.id) AS subquery3) AS subquery4)
SELECT j16.open_balance AS col1, j16.credit_limit AS col2, j16.reasons AS col3
FROM clients AS c1
LEFT JOIN ship3 AS j16 ON j16.client_id = c1.id
WHERE (c1.name = $13)
ORDER BY c1.id;

-- clients | where name == "Grace" | select shipment_blocked, block_reasons
-- $1 = '; first payment overdue'
-- $2 = '; first delivery not paid in full'
-- $3 = '; overdue order '
-- $4 = '; credit limit exceeded'
-- $5 = '; first batch not sold'
-- $6 = '; manual: '
-- $7 = 9
-- $8 = 20000
-- $9 = 3
-- $10 = 15000
-- $11 = '2025-12-31'
-- $12 = 10
-- $13 = 'Grace'
WITH ship3 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN $1 ELSE '' END || CASE WHEN first_unpaid THEN $2 ELSE '' END || CASE WHEN overdue_stop THEN $3 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN $4 ELSE '' END || CASE WHEN not_sold THEN $5 ELSE '' END || CASE WHEN manual THEN $6 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > $7) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < $11) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= $11) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= (b.first_date + CAST($12 AS INTEGER)) AND o3.order_date <= $11)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11) AS subquery1 WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, ($11 - o.due_date) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 AND o.paid_minor < o.net_minor AND o.due_date < $11) AS subquery2 WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= $11 GROUP BY client_id) b ON b.client_id = c.id) AS subquery3) AS subquery4)
SELECT (j16.reasons IS NOT NULL) AS col1, j16.reasons AS col2
FROM clients AS c1
LEFT JOIN ship3 AS j16 ON j16.client_id = c1.id
WHERE (c1.name = $13)
ORDER BY c1.id;

-- clients | where name == "Grace" | select shipment_blocked, block_reasons
-- $1 = '; first payment overdue'
-- $2 = '; first delivery not paid in full'
-- $3 = '; overdue order '
-- $4 = '; credit limit exceeded'
-- $5 = '; first batch not sold'
-- $6 = '; manual: '
-- $7 = 10
-- $8 = 20000
-- $9 = 3
-- $10 = 15000
-- $11 = '2025-12-31'
-- $12 = 10
-- $13 = 'Grace'
WITH ship3 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN $1 ELSE '' END || CASE WHEN first_unpaid THEN $2 ELSE '' END || CASE WHEN overdue_stop THEN $3 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN $4 ELSE '' END || CASE WHEN not_sold THEN $5 ELSE '' END || CASE WHEN manual THEN $6 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > $7) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < $11) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= $11) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= (b.first_date + CAST($12 AS INTEGER)) AND o3.order_date <= $11)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11) AS subquery1 WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, ($11 - o.due_date) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 AND o.paid_minor < o.net_minor AND o.due_date < $11) AS subquery2 WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= $11 GROUP BY client_id) b ON b.client_id = c.id) AS subquery3) AS subquery4)
SELECT (j16.reasons IS NOT NULL) AS col1, j16.reasons AS col2
FROM clients AS c1
LEFT JOIN ship3 AS j16 ON j16.client_id = c1.id
WHERE (c1.name = $13)
ORDER BY c1.id;

-- clients | where id in [1, 4, 9] | sort id | select name, credit_limit, exposure, shipment_blocked
-- $1 = '; first payment overdue'
-- $2 = '; first delivery not paid in full'
-- $3 = '; overdue order '
-- $4 = '; credit limit exceeded'
-- $5 = '; first batch not sold'
-- $6 = '; manual: '
-- $7 = 10
-- $8 = 20000
-- $9 = 3
-- $10 = 15000
-- $11 = 5000
-- $12 = '2025-12-31'
-- $13 = 10
-- $14 = 1
-- $15 = 4
-- $16 = 9
WITH ship5 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN $1 ELSE '' END || CASE WHEN first_unpaid THEN $2 ELSE '' END || CASE WHEN overdue_stop THEN $3 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN $4 ELSE '' END || CASE WHEN not_sold THEN $5 ELSE '' END || CASE WHEN manual THEN $6 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > $7) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) ELSE $11 END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < $12) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= $12) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= (b.first_date + CAST($13 AS INTEGER)) AND o3.order_date <= $12)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $12 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $12) AS subquery1 WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, ($12 - o.due_date) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $12 AND o.paid_minor < o.net_minor AND o.due_date < $12) AS subquery2 WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= $12 GROUP BY client_id) b ON b.client_id = c.id) AS subquery3) AS subquery4)
SELECT c1.name AS col1, j19.credit_limit AS col2, j19.open_balance AS col3, (j19.reasons IS NOT NULL) AS col4
FROM clients AS c1
LEFT JOIN ship5 AS j19 ON j19.client_id = c1.id
WHERE (c1.id IN ($14, $15, $16))
ORDER BY c1.id NULLS LAST;

-- clients | where name == "Grace" | select credit_limit, exposure, block_reasons
-- $1 = '; first payment overdue'
-- $2 = '; first delivery not paid in full'
-- $3 = '; overdue order '
-- $4 = '; credit limit exceeded'
-- $5 = '; first batch not sold'
-- $6 = '; manual: '
-- $7 = 10
-- $8 = 20000
-- $9 = 3
-- $10 = 15000
-- $11 = 4999
-- $12 = '2025-12-31'
-- $13 = 10
-- $14 = 'Grace'
WITH ship3 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN $1 ELSE '' END || CASE WHEN first_unpaid THEN $2 ELSE '' END || CASE WHEN overdue_stop THEN $3 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN $4 ELSE '' END || CASE WHEN not_sold THEN $5 ELSE '' END || CASE WHEN manual THEN $6 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > $7) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) ELSE $11 END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < $12) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= $12) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= (b.first_date + CAST($13 AS INTEGER)) AND o3.order_date <= $12)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $12 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $12) AS subquery1 WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, ($12 - o.due_date) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $12 AND o.paid_minor < o.net_minor AND o.due_date < $12) AS subquery2 WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= $12 GROUP BY client_id) b ON b.client_id = c.id) AS subquery3) AS subquery4)
SELECT j17.credit_limit AS col1, j17.open_balance AS col2, j17.reasons AS col3
FROM clients AS c1
LEFT JOIN ship3 AS j17 ON j17.client_id = c1.id
WHERE (c1.name = $14)
ORDER BY c1.id;

-- update clients | where name in ["Grace", "Ёлкин ИП"] set credit_limit = 150
-- $1 = 'Grace'
-- $2 = 'Ёлкин ИП'
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.name IN ($1, $2));

-- clients | where id in [3, 9] | sort id | select name, credit_limit, block_reasons
-- $1 = '; first payment overdue'
-- $2 = '; first delivery not paid in full'
-- $3 = '; overdue order '
-- $4 = '; credit limit exceeded'
-- $5 = '; first batch not sold'
-- $6 = '; manual: '
-- $7 = 10
-- $8 = 20000
-- $9 = 3
-- $10 = 15000
-- $11 = 4999
-- $12 = '2025-12-31'
-- $13 = 10
-- $14 = 3
-- $15 = 9
WITH ship4 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN $1 ELSE '' END || CASE WHEN first_unpaid THEN $2 ELSE '' END || CASE WHEN overdue_stop THEN $3 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN $4 ELSE '' END || CASE WHEN not_sold THEN $5 ELSE '' END || CASE WHEN manual THEN $6 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > $7) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) ELSE $11 END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < $12) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= $12) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= (b.first_date + CAST($13 AS INTEGER)) AND o3.order_date <= $12)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $12 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $12) AS subquery1 WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, ($12 - o.due_date) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $12 AND o.paid_minor < o.net_minor AND o.due_date < $12) AS subquery2 WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= $12 GROUP BY client_id) b ON b.client_id = c.id) AS subquery3) AS subquery4)
SELECT c1.name AS col1, j18.credit_limit AS col2, j18.reasons AS col3
FROM clients AS c1
LEFT JOIN ship4 AS j18 ON j18.client_id = c1.id
WHERE (c1.id IN ($14, $15))
ORDER BY c1.id NULLS LAST;

-- update clients | where name == "Ёлкин ИП" set credit_limit = null
-- $1 = 'Елкин ИП'
SELECT c1.id AS id
FROM clients AS c1
WHERE (replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е') = $1);

-- clients | where id in [3, 9] | sort id | select name, credit_limit
-- $1 = '; first payment overdue'
-- $2 = '; first delivery not paid in full'
-- $3 = '; overdue order '
-- $4 = '; credit limit exceeded'
-- $5 = '; first batch not sold'
-- $6 = '; manual: '
-- $7 = 10
-- $8 = 20000
-- $9 = 3
-- $10 = 15000
-- $11 = '2025-12-31'
-- $12 = 10
-- $13 = 3
-- $14 = 9
WITH ship4 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN $1 ELSE '' END || CASE WHEN first_unpaid THEN $2 ELSE '' END || CASE WHEN overdue_stop THEN $3 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN $4 ELSE '' END || CASE WHEN not_sold THEN $5 ELSE '' END || CASE WHEN manual THEN $6 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > $7) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, clientele_rdiv(clientele_exact($8 * c.outlets * CASE WHEN c.outlets >= $9 THEN $10 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < $11) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= $11) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= (b.first_date + CAST($12 AS INTEGER)) AND o3.order_date <= $11)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11) AS subquery1 WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, ($11 - o.due_date) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $11 AND o.paid_minor < o.net_minor AND o.due_date < $11) AS subquery2 WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= $11 GROUP BY client_id) b ON b.client_id = c.id) AS subquery3) AS subquery4)
SELECT c1.name AS col1, j17.credit_limit AS col2
FROM clients AS c1
LEFT JOIN ship4 AS j17 ON j17.client_id = c1.id
WHERE (c1.id IN ($13, $14))
ORDER BY c1.id NULLS LAST;

-- update clients | where id == 3 set credit_limit = -5
-- $1 = 3
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = $1);

-- clients | where name == "OldDebt" | select late_payments, max_overdue_days, unpaid, risk
-- $1 = '2025-12-31'
-- $2 = '2025-12-31'
-- $3 = '2025-01-01'
-- $4 = 2
-- $5 = 5
-- $6 = 3
-- $7 = 7
-- $8 = 'OldDebt'
WITH disc3 AS (SELECT client_id, COUNT(*) FILTER (WHERE overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(GREATEST(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN GREATEST(0, COALESCE((last_paid - due_date), 0)) WHEN due_date < $1 THEN ($1 - due_date) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= $2) AS subquery1 WHERE order_date >= $3 OR paid < net_minor OR last_paid > $2) AS subquery2 GROUP BY client_id)
SELECT COALESCE(j7.late_payments, 0) AS col1, COALESCE(j7.max_overdue_days, 0) AS col2, COALESCE(j7.unpaid, 0) AS col3, GREATEST(CASE WHEN COALESCE(j7.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j7.late_payments, 0) <= $4 THEN 1 WHEN COALESCE(j7.late_payments, 0) <= $5 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j7.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j7.max_overdue_days, 0) <= $6 THEN 1 WHEN COALESCE(j7.max_overdue_days, 0) <= $7 THEN 2 ELSE 3 END) AS col4
FROM clients AS c1
LEFT JOIN disc3 AS j7 ON j7.client_id = c1.id
WHERE (c1.name = $8)
ORDER BY c1.id;

-- clients | where name == "OldDebt" | select late_payments, max_overdue_days, unpaid, risk
-- $1 = '2025-12-31'
-- $2 = '2025-01-01'
-- $3 = '2025-12-31'
-- $4 = 2
-- $5 = 5
-- $6 = 3
-- $7 = 7
-- $8 = 'OldDebt'
WITH disc3 AS (SELECT client_id, COUNT(*) FILTER (WHERE overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(GREATEST(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN GREATEST(0, COALESCE((last_paid - due_date), 0)) WHEN due_date < $1 THEN ($1 - due_date) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date BETWEEN $2 AND $3) AS subquery1) AS subquery2 GROUP BY client_id)
SELECT COALESCE(j9.late_payments, 0) AS col1, COALESCE(j9.max_overdue_days, 0) AS col2, COALESCE(j9.unpaid, 0) AS col3, GREATEST(CASE WHEN COALESCE(j9.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j9.late_payments, 0) <= $4 THEN 1 WHEN COALESCE(j9.late_payments, 0) <= $5 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j9.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j9.max_overdue_days, 0) <= $6 THEN 1 WHEN COALESCE(j9.max_overdue_days, 0) <= $7 THEN 2 ELSE 3 END) AS col4
FROM clients AS c1
LEFT JOIN disc3 AS j9 ON j9.client_id = c1.id
WHERE (c1.name = $8)
ORDER BY c1.id;

-- settings | where key ~ "credit." or key == "risk.debts" | select key, value, default_value
-- $1 = 'credit.'
-- $2 = 'risk.debts'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE ((clientele_contains(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), $1)) OR (s1.key = $2))
ORDER BY s1.key COLLATE clientele_ci;

-- contacts | sort next_birthday | select name, birthday, next_birthday
-- $1 = '2025-12-31'
-- $2 = '2025-12-31'
SELECT c1.name AS col1, c1.birthday AS col2, clientele_add_days($1, clientele_anniversary_days(c1.birthday, $1)) AS col3
FROM contacts AS c1
ORDER BY clientele_add_days($2, clientele_anniversary_days(c1.birthday, $2)) NULLS LAST, c1.id;

-- contacts | where birthday within 30 days | sort next_birthday | select name, next_birthday
-- $1 = '2025-12-31'
-- $2 = '2025-12-31'
-- $3 = 30
-- $4 = '2025-12-31'
SELECT c1.name AS col1, clientele_add_days($1, clientele_anniversary_days(c1.birthday, $1)) AS col2
FROM contacts AS c1
WHERE (clientele_anniversary_days(c1.birthday, $2) BETWEEN 0 AND $3)
ORDER BY clientele_add_days($4, clientele_anniversary_days(c1.birthday, $4)) NULLS LAST, c1.id;

-- contacts | where id == 2 | select name, birthday, next_birthday
-- $1 = '2027-12-31'
-- $2 = 2
SELECT c1.name AS col1, c1.birthday AS col2, clientele_add_days($1, clientele_anniversary_days(c1.birthday, $1)) AS col3
FROM contacts AS c1
WHERE (c1.id = $2)
ORDER BY c1.id;
