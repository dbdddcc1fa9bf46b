-- clients | where rfm != null | sort id | select id, rfm, rfm_segment
-- :p4 = '2025-01-01'
-- :p5 = '2025-12-31'
-- :p7 = 4
-- :p8 = 5
-- :p9 = 4
-- :p10 = 5
-- :p11 = 4
-- :p12 = 5
-- :p13 = 'Champions'
-- :p14 = 2
-- :p15 = 5
-- :p16 = 3
-- :p17 = 5
-- :p18 = 3
-- :p19 = 5
-- :p20 = 'Loyal customers'
-- :p21 = 3
-- :p22 = 5
-- :p23 = 1
-- :p24 = 3
-- :p25 = 1
-- :p26 = 3
-- :p27 = 'Potential loyalist'
-- :p28 = 4
-- :p29 = 5
-- :p30 = 1
-- :p31 = 1
-- :p32 = 1
-- :p33 = 1
-- :p34 = 'New customers'
-- :p35 = 3
-- :p36 = 4
-- :p37 = 1
-- :p38 = 1
-- :p39 = 1
-- :p40 = 1
-- :p41 = 'Promising'
-- :p42 = 2
-- :p43 = 3
-- :p44 = 2
-- :p45 = 3
-- :p46 = 2
-- :p47 = 3
-- :p48 = 'Need attention'
-- :p49 = 2
-- :p50 = 3
-- :p51 = 1
-- :p52 = 2
-- :p53 = 1
-- :p54 = 2
-- :p55 = 'About to sleep'
-- :p56 = 1
-- :p57 = 2
-- :p58 = 2
-- :p59 = 5
-- :p60 = 2
-- :p61 = 5
-- :p62 = 'At risk'
-- :p63 = 1
-- :p64 = 1
-- :p65 = 4
-- :p66 = 5
-- :p67 = 4
-- :p68 = 5
-- :p69 = 'Can''t lose them'
-- :p70 = 2
-- :p71 = 2
-- :p72 = 1
-- :p73 = 2
-- :p74 = 1
-- :p75 = 2
-- :p76 = 'Hibernating'
-- :p77 = 1
-- :p78 = 1
-- :p79 = 1
-- :p80 = 2
-- :p81 = 1
-- :p82 = 2
-- :p83 = 'Lost'
-- :p84 = 'Others'
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id),
     rfm2 AS (SELECT client_id, MIN(r) AS r, MIN(f) AS f, MIN(m) AS m FROM (SELECT client_id, MIN(nr) OVER (PARTITION BY last_order) AS r, MIN(nf) OVER (PARTITION BY orders_count) AS f, MIN(nm) OVER (PARTITION BY turnover) AS m FROM (SELECT client_id, last_order, orders_count, turnover, NTILE(5) OVER (ORDER BY last_order, client_id) AS nr, NTILE(5) OVER (ORDER BY orders_count, client_id) AS nf, NTILE(5) OVER (ORDER BY turnover, client_id) AS nm FROM sales3)) GROUP BY client_id)
SELECT c1.id AS col1, (CAST(j6.r AS TEXT) || j6.f || j6.m) AS col2, CASE WHEN j6.r IS NULL THEN NULL WHEN j6.r BETWEEN :p7 AND :p8 AND j6.f BETWEEN :p9 AND :p10 AND j6.m BETWEEN :p11 AND :p12 THEN :p13 WHEN j6.r BETWEEN :p14 AND :p15 AND j6.f BETWEEN :p16 AND :p17 AND j6.m BETWEEN :p18 AND :p19 THEN :p20 WHEN j6.r BETWEEN :p21 AND :p22 AND j6.f BETWEEN :p23 AND :p24 AND j6.m BETWEEN :p25 AND :p26 THEN :p27 WHEN j6.r BETWEEN :p28 AND :p29 AND j6.f BETWEEN :p30 AND :p31 AND j6.m BETWEEN :p32 AND :p33 THEN :p34 WHEN j6.r BETWEEN :p35 AND :p36 AND j6.f BETWEEN :p37 AND :p38 AND j6.m BETWEEN :p39 AND :p40 THEN :p41 WHEN j6.r BETWEEN :p42 AND :p43 AND j6.f BETWEEN :p44 AND :p45 AND j6.m BETWEEN :p46 AND :p47 THEN :p48 WHEN j6.r BETWEEN :p49 AND :p50 AND j6.f BETWEEN :p51 AND :p52 AND j6.m BETWEEN :p53 AND :p54 THEN :p55 WHEN j6.r BETWEEN :p56 AND :p57 AND j6.f BETWEEN :p58 AND :p59 AND j6.m BETWEEN :p60 AND :p61 THEN :p62 WHEN j6.r BETWEEN :p63 AND :p64 AND j6.f BETWEEN :p65 AND :p66 AND j6.m BETWEEN :p67 AND :p68 THEN :p69 WHEN j6.r BETWEEN :p70 AND :p71 AND j6.f BETWEEN :p72 AND :p73 AND j6.m BETWEEN :p74 AND :p75 THEN :p76 WHEN j6.r BETWEEN :p77 AND :p78 AND j6.f BETWEEN :p79 AND :p80 AND j6.m BETWEEN :p81 AND :p82 THEN :p83 ELSE :p84 END AS col3
FROM clients AS c1
LEFT JOIN rfm2 AS j6 ON j6.client_id = c1.id
WHERE ((CAST(j6.r AS TEXT) || j6.f || j6.m) IS NOT NULL) AND (j6.client_id = c1.id)
ORDER BY c1.id NULLS LAST;

-- rfm_segments | select position, name, r_min, r_max, f_min, f_max, m_min, m_max
SELECT r1.position AS col1, r1.name AS col2, r1.r_min AS col3, r1.r_max AS col4, r1.f_min AS col5, r1.f_max AS col6, r1.m_min AS col7, r1.m_max AS col8
FROM rfm_segments AS r1
ORDER BY r1.id;

-- update rfm_segments | where name == "Lost" set m_max = 4
-- :p2 = 'Lost'
SELECT r1.id AS id
FROM rfm_segments AS r1
WHERE (r1.name = :p2);

-- clients | where rfm != null | group rfm_segment agg n = count() | sort rfm_segment
-- :p4 = '2025-01-01'
-- :p5 = '2025-12-31'
-- :p7 = 4
-- :p8 = 5
-- :p9 = 4
-- :p10 = 5
-- :p11 = 4
-- :p12 = 5
-- :p13 = 'Champions'
-- :p14 = 2
-- :p15 = 5
-- :p16 = 3
-- :p17 = 5
-- :p18 = 3
-- :p19 = 5
-- :p20 = 'Loyal customers'
-- :p21 = 3
-- :p22 = 5
-- :p23 = 1
-- :p24 = 3
-- :p25 = 1
-- :p26 = 3
-- :p27 = 'Potential loyalist'
-- :p28 = 4
-- :p29 = 5
-- :p30 = 1
-- :p31 = 1
-- :p32 = 1
-- :p33 = 1
-- :p34 = 'New customers'
-- :p35 = 3
-- :p36 = 4
-- :p37 = 1
-- :p38 = 1
-- :p39 = 1
-- :p40 = 1
-- :p41 = 'Promising'
-- :p42 = 2
-- :p43 = 3
-- :p44 = 2
-- :p45 = 3
-- :p46 = 2
-- :p47 = 3
-- :p48 = 'Need attention'
-- :p49 = 2
-- :p50 = 3
-- :p51 = 1
-- :p52 = 2
-- :p53 = 1
-- :p54 = 2
-- :p55 = 'About to sleep'
-- :p56 = 1
-- :p57 = 2
-- :p58 = 2
-- :p59 = 5
-- :p60 = 2
-- :p61 = 5
-- :p62 = 'At risk'
-- :p63 = 1
-- :p64 = 1
-- :p65 = 4
-- :p66 = 5
-- :p67 = 4
-- :p68 = 5
-- :p69 = 'Can''t lose them'
-- :p70 = 2
-- :p71 = 2
-- :p72 = 1
-- :p73 = 2
-- :p74 = 1
-- :p75 = 2
-- :p76 = 'Hibernating'
-- :p77 = 1
-- :p78 = 1
-- :p79 = 1
-- :p80 = 2
-- :p81 = 1
-- :p82 = 2
-- :p83 = 'Lost'
-- :p84 = 'Unsorted'
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id),
     rfm2 AS (SELECT client_id, MIN(r) AS r, MIN(f) AS f, MIN(m) AS m FROM (SELECT client_id, MIN(nr) OVER (PARTITION BY last_order) AS r, MIN(nf) OVER (PARTITION BY orders_count) AS f, MIN(nm) OVER (PARTITION BY turnover) AS m FROM (SELECT client_id, last_order, orders_count, turnover, NTILE(5) OVER (ORDER BY last_order, client_id) AS nr, NTILE(5) OVER (ORDER BY orders_count, client_id) AS nf, NTILE(5) OVER (ORDER BY turnover, client_id) AS nm FROM sales3)) GROUP BY client_id)
SELECT CASE WHEN j6.r IS NULL THEN NULL WHEN j6.r BETWEEN :p7 AND :p8 AND j6.f BETWEEN :p9 AND :p10 AND j6.m BETWEEN :p11 AND :p12 THEN :p13 WHEN j6.r BETWEEN :p14 AND :p15 AND j6.f BETWEEN :p16 AND :p17 AND j6.m BETWEEN :p18 AND :p19 THEN :p20 WHEN j6.r BETWEEN :p21 AND :p22 AND j6.f BETWEEN :p23 AND :p24 AND j6.m BETWEEN :p25 AND :p26 THEN :p27 WHEN j6.r BETWEEN :p28 AND :p29 AND j6.f BETWEEN :p30 AND :p31 AND j6.m BETWEEN :p32 AND :p33 THEN :p34 WHEN j6.r BETWEEN :p35 AND :p36 AND j6.f BETWEEN :p37 AND :p38 AND j6.m BETWEEN :p39 AND :p40 THEN :p41 WHEN j6.r BETWEEN :p42 AND :p43 AND j6.f BETWEEN :p44 AND :p45 AND j6.m BETWEEN :p46 AND :p47 THEN :p48 WHEN j6.r BETWEEN :p49 AND :p50 AND j6.f BETWEEN :p51 AND :p52 AND j6.m BETWEEN :p53 AND :p54 THEN :p55 WHEN j6.r BETWEEN :p56 AND :p57 AND j6.f BETWEEN :p58 AND :p59 AND j6.m BETWEEN :p60 AND :p61 THEN :p62 WHEN j6.r BETWEEN :p63 AND :p64 AND j6.f BETWEEN :p65 AND :p66 AND j6.m BETWEEN :p67 AND :p68 THEN :p69 WHEN j6.r BETWEEN :p70 AND :p71 AND j6.f BETWEEN :p72 AND :p73 AND j6.m BETWEEN :p74 AND :p75 THEN :p76 WHEN j6.r BETWEEN :p77 AND :p78 AND j6.f BETWEEN :p79 AND :p80 AND j6.m BETWEEN :p81 AND :p82 THEN :p83 ELSE :p84 END AS col1, COUNT(*) AS col2
FROM rfm2 AS j6
WHERE ((CAST(j6.r AS TEXT) || j6.f || j6.m) IS NOT NULL)
GROUP BY CASE WHEN j6.r IS NULL THEN NULL WHEN j6.r BETWEEN :p7 AND :p8 AND j6.f BETWEEN :p9 AND :p10 AND j6.m BETWEEN :p11 AND :p12 THEN :p13 WHEN j6.r BETWEEN :p14 AND :p15 AND j6.f BETWEEN :p16 AND :p17 AND j6.m BETWEEN :p18 AND :p19 THEN :p20 WHEN j6.r BETWEEN :p21 AND :p22 AND j6.f BETWEEN :p23 AND :p24 AND j6.m BETWEEN :p25 AND :p26 THEN :p27 WHEN j6.r BETWEEN :p28 AND :p29 AND j6.f BETWEEN :p30 AND :p31 AND j6.m BETWEEN :p32 AND :p33 THEN :p34 WHEN j6.r BETWEEN :p35 AND :p36 AND j6.f BETWEEN :p37 AND :p38 AND j6.m BETWEEN :p39 AND :p40 THEN :p41 WHEN j6.r BETWEEN :p42 AND :p43 AND j6.f BETWEEN :p44 AND :p45 AND j6.m BETWEEN :p46 AND :p47 THEN :p48 WHEN j6.r BETWEEN :p49 AND :p50 AND j6.f BETWEEN :p51 AND :p52 AND j6.m BETWEEN :p53 AND :p54 THEN :p55 WHEN j6.r BETWEEN :p56 AND :p57 AND j6.f BETWEEN :p58 AND :p59 AND j6.m BETWEEN :p60 AND :p61 THEN :p62 WHEN j6.r BETWEEN :p63 AND :p64 AND j6.f BETWEEN :p65 AND :p66 AND j6.m BETWEEN :p67 AND :p68 THEN :p69 WHEN j6.r BETWEEN :p70 AND :p71 AND j6.f BETWEEN :p72 AND :p73 AND j6.m BETWEEN :p74 AND :p75 THEN :p76 WHEN j6.r BETWEEN :p77 AND :p78 AND j6.f BETWEEN :p79 AND :p80 AND j6.m BETWEEN :p81 AND :p82 THEN :p83 ELSE :p84 END
ORDER BY col1 COLLATE CLIENTELE_NOCASE NULLS LAST;

-- movement rfm_segment from 2024 to 2025 | select name, from, to
-- :p4 = '2024-01-01'
-- :p5 = '2024-12-31'
-- :p87 = '2025-01-01'
-- :p88 = '2025-12-31'
-- :p7 = 4
-- :p8 = 5
-- :p9 = 4
-- :p10 = 5
-- :p11 = 4
-- :p12 = 5
-- :p13 = 'Champions'
-- :p14 = 2
-- :p15 = 5
-- :p16 = 3
-- :p17 = 5
-- :p18 = 3
-- :p19 = 5
-- :p20 = 'Loyal customers'
-- :p21 = 3
-- :p22 = 5
-- :p23 = 1
-- :p24 = 3
-- :p25 = 1
-- :p26 = 3
-- :p27 = 'Potential loyalist'
-- :p28 = 4
-- :p29 = 5
-- :p30 = 1
-- :p31 = 1
-- :p32 = 1
-- :p33 = 1
-- :p34 = 'New customers'
-- :p35 = 3
-- :p36 = 4
-- :p37 = 1
-- :p38 = 1
-- :p39 = 1
-- :p40 = 1
-- :p41 = 'Promising'
-- :p42 = 2
-- :p43 = 3
-- :p44 = 2
-- :p45 = 3
-- :p46 = 2
-- :p47 = 3
-- :p48 = 'Need attention'
-- :p49 = 2
-- :p50 = 3
-- :p51 = 1
-- :p52 = 2
-- :p53 = 1
-- :p54 = 2
-- :p55 = 'About to sleep'
-- :p56 = 1
-- :p57 = 2
-- :p58 = 2
-- :p59 = 5
-- :p60 = 2
-- :p61 = 5
-- :p62 = 'At risk'
-- :p63 = 1
-- :p64 = 1
-- :p65 = 4
-- :p66 = 5
-- :p67 = 4
-- :p68 = 5
-- :p69 = 'Can''t lose them'
-- :p70 = 2
-- :p71 = 2
-- :p72 = 1
-- :p73 = 2
-- :p74 = 1
-- :p75 = 2
-- :p76 = 'Hibernating'
-- :p77 = 1
-- :p78 = 1
-- :p79 = 1
-- :p80 = 2
-- :p81 = 1
-- :p82 = 4
-- :p83 = 'Lost'
-- :p84 = 'Unsorted'
-- :p90 = 4
-- :p91 = 5
-- :p92 = 4
-- :p93 = 5
-- :p94 = 4
-- :p95 = 5
-- :p96 = 'Champions'
-- :p97 = 2
-- :p98 = 5
-- :p99 = 3
-- :p100 = 5
-- :p101 = 3
-- :p102 = 5
-- :p103 = 'Loyal customers'
-- :p104 = 3
-- :p105 = 5
-- :p106 = 1
-- :p107 = 3
-- :p108 = 1
-- :p109 = 3
-- :p110 = 'Potential loyalist'
-- :p111 = 4
-- :p112 = 5
-- :p113 = 1
-- :p114 = 1
-- :p115 = 1
-- :p116 = 1
-- :p117 = 'New customers'
-- :p118 = 3
-- :p119 = 4
-- :p120 = 1
-- :p121 = 1
-- :p122 = 1
-- :p123 = 1
-- :p124 = 'Promising'
-- :p125 = 2
-- :p126 = 3
-- :p127 = 2
-- :p128 = 3
-- :p129 = 2
-- :p130 = 3
-- :p131 = 'Need attention'
-- :p132 = 2
-- :p133 = 3
-- :p134 = 1
-- :p135 = 2
-- :p136 = 1
-- :p137 = 2
-- :p138 = 'About to sleep'
-- :p139 = 1
-- :p140 = 2
-- :p141 = 2
-- :p142 = 5
-- :p143 = 2
-- :p144 = 5
-- :p145 = 'At risk'
-- :p146 = 1
-- :p147 = 1
-- :p148 = 4
-- :p149 = 5
-- :p150 = 4
-- :p151 = 5
-- :p152 = 'Can''t lose them'
-- :p153 = 2
-- :p154 = 2
-- :p155 = 1
-- :p156 = 2
-- :p157 = 1
-- :p158 = 2
-- :p159 = 'Hibernating'
-- :p160 = 1
-- :p161 = 1
-- :p162 = 1
-- :p163 = 2
-- :p164 = 1
-- :p165 = 4
-- :p166 = 'Lost'
-- :p167 = 'Unsorted'
WITH sales3 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p4 AND :p5 GROUP BY client_id),
     rfm2 AS (SELECT client_id, MIN(r) AS r, MIN(f) AS f, MIN(m) AS m FROM (SELECT client_id, MIN(nr) OVER (PARTITION BY last_order) AS r, MIN(nf) OVER (PARTITION BY orders_count) AS f, MIN(nm) OVER (PARTITION BY turnover) AS m FROM (SELECT client_id, last_order, orders_count, turnover, NTILE(5) OVER (ORDER BY last_order, client_id) AS nr, NTILE(5) OVER (ORDER BY orders_count, client_id) AS nf, NTILE(5) OVER (ORDER BY turnover, client_id) AS nm FROM sales3)) GROUP BY client_id),
     sales86 AS (SELECT client_id, SUM(net_minor) AS turnover, COUNT(*) AS orders_count, MAX(order_date) AS last_order FROM orders WHERE status = 'shipped' AND order_date BETWEEN :p87 AND :p88 GROUP BY client_id),
     rfm85 AS (SELECT client_id, MIN(r) AS r, MIN(f) AS f, MIN(m) AS m FROM (SELECT client_id, MIN(nr) OVER (PARTITION BY last_order) AS r, MIN(nf) OVER (PARTITION BY orders_count) AS f, MIN(nm) OVER (PARTITION BY turnover) AS m FROM (SELECT client_id, last_order, orders_count, turnover, NTILE(5) OVER (ORDER BY last_order, client_id) AS nr, NTILE(5) OVER (ORDER BY orders_count, client_id) AS nf, NTILE(5) OVER (ORDER BY turnover, client_id) AS nm FROM sales86)) GROUP BY client_id)
SELECT c1.name AS col1, CASE WHEN j6.r IS NULL THEN NULL WHEN j6.r BETWEEN :p7 AND :p8 AND j6.f BETWEEN :p9 AND :p10 AND j6.m BETWEEN :p11 AND :p12 THEN :p13 WHEN j6.r BETWEEN :p14 AND :p15 AND j6.f BETWEEN :p16 AND :p17 AND j6.m BETWEEN :p18 AND :p19 THEN :p20 WHEN j6.r BETWEEN :p21 AND :p22 AND j6.f BETWEEN :p23 AND :p24 AND j6.m BETWEEN :p25 AND :p26 THEN :p27 WHEN j6.r BETWEEN :p28 AND :p29 AND j6.f BETWEEN :p30 AND :p31 AND j6.m BETWEEN :p32 AND :p33 THEN :p34 WHEN j6.r BETWEEN :p35 AND :p36 AND j6.f BETWEEN :p37 AND :p38 AND j6.m BETWEEN :p39 AND :p40 THEN :p41 WHEN j6.r BETWEEN :p42 AND :p43 AND j6.f BETWEEN :p44 AND :p45 AND j6.m BETWEEN :p46 AND :p47 THEN :p48 WHEN j6.r BETWEEN :p49 AND :p50 AND j6.f BETWEEN :p51 AND :p52 AND j6.m BETWEEN :p53 AND :p54 THEN :p55 WHEN j6.r BETWEEN :p56 AND :p57 AND j6.f BETWEEN :p58 AND :p59 AND j6.m BETWEEN :p60 AND :p61 THEN :p62 WHEN j6.r BETWEEN :p63 AND :p64 AND j6.f BETWEEN :p65 AND :p66 AND j6.m BETWEEN :p67 AND :p68 THEN :p69 WHEN j6.r BETWEEN :p70 AND :p71 AND j6.f BETWEEN :p72 AND :p73 AND j6.m BETWEEN :p74 AND :p75 THEN :p76 WHEN j6.r BETWEEN :p77 AND :p78 AND j6.f BETWEEN :p79 AND :p80 AND j6.m BETWEEN :p81 AND :p82 THEN :p83 ELSE :p84 END AS col2, CASE WHEN j89.r IS NULL THEN NULL WHEN j89.r BETWEEN :p90 AND :p91 AND j89.f BETWEEN :p92 AND :p93 AND j89.m BETWEEN :p94 AND :p95 THEN :p96 WHEN j89.r BETWEEN :p97 AND :p98 AND j89.f BETWEEN :p99 AND :p100 AND j89.m BETWEEN :p101 AND :p102 THEN :p103 WHEN j89.r BETWEEN :p104 AND :p105 AND j89.f BETWEEN :p106 AND :p107 AND j89.m BETWEEN :p108 AND :p109 THEN :p110 WHEN j89.r BETWEEN :p111 AND :p112 AND j89.f BETWEEN :p113 AND :p114 AND j89.m BETWEEN :p115 AND :p116 THEN :p117 WHEN j89.r BETWEEN :p118 AND :p119 AND j89.f BETWEEN :p120 AND :p121 AND j89.m BETWEEN :p122 AND :p123 THEN :p124 WHEN j89.r BETWEEN :p125 AND :p126 AND j89.f BETWEEN :p127 AND :p128 AND j89.m BETWEEN :p129 AND :p130 THEN :p131 WHEN j89.r BETWEEN :p132 AND :p133 AND j89.f BETWEEN :p134 AND :p135 AND j89.m BETWEEN :p136 AND :p137 THEN :p138 WHEN j89.r BETWEEN :p139 AND :p140 AND j89.f BETWEEN :p141 AND :p142 AND j89.m BETWEEN :p143 AND :p144 THEN :p145 WHEN j89.r BETWEEN :p146 AND :p147 AND j89.f BETWEEN :p148 AND :p149 AND j89.m BETWEEN :p150 AND :p151 THEN :p152 WHEN j89.r BETWEEN :p153 AND :p154 AND j89.f BETWEEN :p155 AND :p156 AND j89.m BETWEEN :p157 AND :p158 THEN :p159 WHEN j89.r BETWEEN :p160 AND :p161 AND j89.f BETWEEN :p162 AND :p163 AND j89.m BETWEEN :p164 AND :p165 THEN :p166 ELSE :p167 END AS col3
FROM clients AS c1
LEFT JOIN rfm2 AS j6 ON j6.client_id = c1.id
LEFT JOIN rfm85 AS j89 ON j89.client_id = c1.id
ORDER BY c1.id;

-- update rfm_segments | where name == "Lost" set r_min = 0
-- :p2 = 'Lost'
SELECT r1.id AS id
FROM rfm_segments AS r1
WHERE (r1.name = :p2);

-- update rfm_segments | where name == "Lost" set r_min = 2
-- :p2 = 'Lost'
SELECT r1.id AS id
FROM rfm_segments AS r1
WHERE (r1.name = :p2);

-- update rfm_segments | where name == "Lost" set m_max = 2
-- :p2 = 'Lost'
SELECT r1.id AS id
FROM rfm_segments AS r1
WHERE (r1.name = :p2);

-- clients | sort id | select id, name, credit_limit, exposure, shipment_blocked
-- :p9 = '; first payment overdue'
-- :p10 = '; first delivery not paid in full'
-- :p11 = '; overdue order '
-- :p12 = '; credit limit exceeded'
-- :p13 = '; first batch not sold'
-- :p14 = '; manual: '
-- :p3 = 0
-- :p7 = 20000
-- :p5 = 3
-- :p6 = 15000
-- :p4 = '2025-12-31'
-- :p8 = 10
WITH ship2 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN :p9 ELSE '' END || CASE WHEN first_unpaid THEN :p10 ELSE '' END || CASE WHEN overdue_stop THEN :p11 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN :p12 ELSE '' END || CASE WHEN not_sold THEN :p13 ELSE '' END || CASE WHEN manual THEN :p14 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > :p3) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN CLIENTELE_RDIV(CLIENTELE_EXACT(:p7 * c.outlets * CASE WHEN c.outlets >= :p5 THEN :p6 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, CLIENTELE_RDIV(CLIENTELE_EXACT(:p7 * c.outlets * CASE WHEN c.outlets >= :p5 THEN :p6 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < :p4) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= :p4) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= date(b.first_date, printf('%+d days', :p8)) AND o3.order_date <= :p4)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p4 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p4) WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, CAST(julianday(:p4) - julianday(o.due_date) AS INTEGER) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p4 AND o.paid_minor < o.net_minor AND o.due_date < :p4) WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= :p4 GROUP BY client_id) b ON b.client_id = c.id)))
SELECT c1.id AS col1, c1.name AS col2, j15.credit_limit AS col3, j15.open_balance AS col4, (j15.reasons IS NOT NULL) AS col5
FROM clients AS c1
LEFT JOIN ship2 AS j15 ON j15.client_id = c1.id
ORDER BY c1.id NULLS LAST;

-- clients | where shipment_blocked | sort id | select id, block_reasons
-- :p9 = '; first payment overdue'
-- :p10 = '; first delivery not paid in full'
-- :p11 = '; overdue order '
-- :p12 = '; credit limit exceeded'
-- :p13 = '; first batch not sold'
-- :p14 = '; manual: '
-- :p3 = 0
-- :p7 = 20000
-- :p5 = 3
-- :p6 = 15000
-- :p4 = '2025-12-31'
-- :p8 = 10
WITH ship2 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN :p9 ELSE '' END || CASE WHEN first_unpaid THEN :p10 ELSE '' END || CASE WHEN overdue_stop THEN :p11 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN :p12 ELSE '' END || CASE WHEN not_sold THEN :p13 ELSE '' END || CASE WHEN manual THEN :p14 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > :p3) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN CLIENTELE_RDIV(CLIENTELE_EXACT(:p7 * c.outlets * CASE WHEN c.outlets >= :p5 THEN :p6 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, CLIENTELE_RDIV(CLIENTELE_EXACT(:p7 * c.outlets * CASE WHEN c.outlets >= :p5 THEN :p6 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < :p4) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= :p4) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= date(b.first_date, printf('%+d days', :p8)) AND o3.order_date <= :p4)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p4 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p4) WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, CAST(julianday(:p4) - julianday(o.due_date) AS INTEGER) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p4 AND o.paid_minor < o.net_minor AND o.due_date < :p4) WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= :p4 GROUP BY client_id) b ON b.client_id = c.id)))
SELECT c1.id AS col1, j15.reasons AS col2
FROM clients AS c1
LEFT JOIN ship2 AS j15 ON j15.client_id = c1.id
WHERE ((j15.reasons IS NOT NULL))
ORDER BY c1.id NULLS LAST;

-- clients | where name == "Grace" | select exposure, credit_limit, block_reasons
-- :p10 = '; first payment overdue'
-- :p11 = '; first delivery not paid in full'
-- :p12 = '; overdue order '
-- :p13 = '; credit limit exceeded'
-- :p14 = '; first batch not sold'
-- :p15 = '; manual: '
-- :p4 = 0
-- :p8 = 20000
-- :p6 = 3
-- :p7 = 15000
-- :p5 = '2025-12-31'
-- :p9 = 10
-- :p2 = 'Grace'
WITH ship3 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN :p10 ELSE '' END || CASE WHEN first_unpaid THEN :p11 ELSE '' END || CASE WHEN overdue_stop THEN :p12 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN :p13 ELSE '' END || CASE WHEN not_sold THEN :p14 ELSE '' END || CASE WHEN manual THEN :p15 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > :p4) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN CLIENTELE_RDIV(CLIENTELE_EXACT(:p8 * c.outlets * CASE WHEN c.outlets >= :p6 THEN :p7 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, CLIENTELE_RDIV(CLIENTELE_EXACT(:p8 * c.outlets * CASE WHEN c.outlets >= :p6 THEN :p7 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < :p5) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= :p5) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= date(b.first_date, printf('%+d days', :p9)) AND o3.order_date <= :p5)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5) WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, CAST(julianday(:p5) - julianday(o.due_date) AS INTEGER) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5 AND o.paid_minor < o.net_minor AND o.due_date < :p5) WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= :p5 GROUP BY client_id) b ON b.client_id = c.id)))
SELECT j16.open_balance AS col1, j16.credit_limit AS col2, j16.reasons AS col3
FROM clients AS c1
LEFT JOIN ship3 AS j16 ON j16.client_id = c1.id
WHERE (c1.name = :p2)
ORDER BY c1.id;

-- clients | where name == "Grace" | select shipment_blocked, block_reasons
-- :p10 = '; first payment overdue'
-- :p11 = '; first delivery not paid in full'
-- :p12 = '; overdue order '
-- :p13 = '; credit limit exceeded'
-- :p14 = '; first batch not sold'
-- :p15 = '; manual: '
-- :p4 = 9
-- :p8 = 20000
-- :p6 = 3
-- :p7 = 15000
-- :p5 = '2025-12-31'
-- :p9 = 10
-- :p2 = 'Grace'
WITH ship3 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN :p10 ELSE '' END || CASE WHEN first_unpaid THEN :p11 ELSE '' END || CASE WHEN overdue_stop THEN :p12 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN :p13 ELSE '' END || CASE WHEN not_sold THEN :p14 ELSE '' END || CASE WHEN manual THEN :p15 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > :p4) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN CLIENTELE_RDIV(CLIENTELE_EXACT(:p8 * c.outlets * CASE WHEN c.outlets >= :p6 THEN :p7 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, CLIENTELE_RDIV(CLIENTELE_EXACT(:p8 * c.outlets * CASE WHEN c.outlets >= :p6 THEN :p7 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < :p5) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= :p5) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= date(b.first_date, printf('%+d days', :p9)) AND o3.order_date <= :p5)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5) WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, CAST(julianday(:p5) - julianday(o.due_date) AS INTEGER) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5 AND o.paid_minor < o.net_minor AND o.due_date < :p5) WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= :p5 GROUP BY client_id) b ON b.client_id = c.id)))
SELECT (j16.reasons IS NOT NULL) AS col1, j16.reasons AS col2
FROM clients AS c1
LEFT JOIN ship3 AS j16 ON j16.client_id = c1.id
WHERE (c1.name = :p2)
ORDER BY c1.id;

-- clients | where name == "Grace" | select shipment_blocked, block_reasons
-- :p10 = '; first payment overdue'
-- :p11 = '; first delivery not paid in full'
-- :p12 = '; overdue order '
-- :p13 = '; credit limit exceeded'
-- :p14 = '; first batch not sold'
-- :p15 = '; manual: '
-- :p4 = 10
-- :p8 = 20000
-- :p6 = 3
-- :p7 = 15000
-- :p5 = '2025-12-31'
-- :p9 = 10
-- :p2 = 'Grace'
WITH ship3 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN :p10 ELSE '' END || CASE WHEN first_unpaid THEN :p11 ELSE '' END || CASE WHEN overdue_stop THEN :p12 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN :p13 ELSE '' END || CASE WHEN not_sold THEN :p14 ELSE '' END || CASE WHEN manual THEN :p15 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > :p4) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN CLIENTELE_RDIV(CLIENTELE_EXACT(:p8 * c.outlets * CASE WHEN c.outlets >= :p6 THEN :p7 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, CLIENTELE_RDIV(CLIENTELE_EXACT(:p8 * c.outlets * CASE WHEN c.outlets >= :p6 THEN :p7 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < :p5) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= :p5) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= date(b.first_date, printf('%+d days', :p9)) AND o3.order_date <= :p5)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5) WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, CAST(julianday(:p5) - julianday(o.due_date) AS INTEGER) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5 AND o.paid_minor < o.net_minor AND o.due_date < :p5) WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= :p5 GROUP BY client_id) b ON b.client_id = c.id)))
SELECT (j16.reasons IS NOT NULL) AS col1, j16.reasons AS col2
FROM clients AS c1
LEFT JOIN ship3 AS j16 ON j16.client_id = c1.id
WHERE (c1.name = :p2)
ORDER BY c1.id;

-- clients | where id in [1, 4, 9] | sort id | select name, credit_limit, exposure, shipment_blocked
-- :p13 = '; first payment overdue'
-- :p14 = '; first delivery not paid in full'
-- :p15 = '; overdue order '
-- :p16 = '; credit limit exceeded'
-- :p17 = '; first batch not sold'
-- :p18 = '; manual: '
-- :p6 = 10
-- :p10 = 20000
-- :p8 = 3
-- :p9 = 15000
-- :p11 = 5000
-- :p7 = '2025-12-31'
-- :p12 = 10
-- :p2 = 1
-- :p3 = 4
-- :p4 = 9
WITH ship5 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN :p13 ELSE '' END || CASE WHEN first_unpaid THEN :p14 ELSE '' END || CASE WHEN overdue_stop THEN :p15 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN :p16 ELSE '' END || CASE WHEN not_sold THEN :p17 ELSE '' END || CASE WHEN manual THEN :p18 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > :p6) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN CLIENTELE_RDIV(CLIENTELE_EXACT(:p10 * c.outlets * CASE WHEN c.outlets >= :p8 THEN :p9 ELSE 10000 END), 10000) ELSE :p11 END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, CLIENTELE_RDIV(CLIENTELE_EXACT(:p10 * c.outlets * CASE WHEN c.outlets >= :p8 THEN :p9 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < :p7) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= :p7) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= date(b.first_date, printf('%+d days', :p12)) AND o3.order_date <= :p7)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p7 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p7) WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, CAST(julianday(:p7) - julianday(o.due_date) AS INTEGER) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p7 AND o.paid_minor < o.net_minor AND o.due_date < :p7) WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= :p7 GROUP BY client_id) b ON b.client_id = c.id)))
SELECT c1.name AS col1, j19.credit_limit AS col2, j19.open_balance AS col3, (j19.reasons IS NOT NULL) AS col4
FROM clients AS c1
LEFT JOIN ship5 AS j19 ON j19.client_id = c1.id
WHERE (c1.id IN (:p2, :p3, :p4))
ORDER BY c1.id NULLS LAST;

-- clients | where name == "Grace" | select credit_limit, exposure, block_reasons
-- :p11 = '; first payment overdue'
-- :p12 = '; first delivery not paid in full'
-- :p13 = '; overdue order '
-- :p14 = '; credit limit exceeded'
-- :p15 = '; first batch not sold'
-- :p16 = '; manual: '
-- :p4 = 10
-- :p8 = 20000
-- :p6 = 3
-- :p7 = 15000
-- :p9 = 4999
-- :p5 = '2025-12-31'
-- :p10 = 10
-- :p2 = 'Grace'
WITH ship3 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN :p11 ELSE '' END || CASE WHEN first_unpaid THEN :p12 ELSE '' END || CASE WHEN overdue_stop THEN :p13 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN :p14 ELSE '' END || CASE WHEN not_sold THEN :p15 ELSE '' END || CASE WHEN manual THEN :p16 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > :p4) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN CLIENTELE_RDIV(CLIENTELE_EXACT(:p8 * c.outlets * CASE WHEN c.outlets >= :p6 THEN :p7 ELSE 10000 END), 10000) ELSE :p9 END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, CLIENTELE_RDIV(CLIENTELE_EXACT(:p8 * c.outlets * CASE WHEN c.outlets >= :p6 THEN :p7 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < :p5) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= :p5) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= date(b.first_date, printf('%+d days', :p10)) AND o3.order_date <= :p5)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5) WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, CAST(julianday(:p5) - julianday(o.due_date) AS INTEGER) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5 AND o.paid_minor < o.net_minor AND o.due_date < :p5) WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= :p5 GROUP BY client_id) b ON b.client_id = c.id)))
SELECT j17.credit_limit AS col1, j17.open_balance AS col2, j17.reasons AS col3
FROM clients AS c1
LEFT JOIN ship3 AS j17 ON j17.client_id = c1.id
WHERE (c1.name = :p2)
ORDER BY c1.id;

-- update clients | where name in ["Grace", "Ёлкин ИП"] set credit_limit = 150
-- :p2 = 'Grace'
-- :p3 = 'Ёлкин ИП'
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.name IN (:p2, :p3));

-- clients | where id in [3, 9] | sort id | select name, credit_limit, block_reasons
-- :p12 = '; first payment overdue'
-- :p13 = '; first delivery not paid in full'
-- :p14 = '; overdue order '
-- :p15 = '; credit limit exceeded'
-- :p16 = '; first batch not sold'
-- :p17 = '; manual: '
-- :p5 = 10
-- :p9 = 20000
-- :p7 = 3
-- :p8 = 15000
-- :p10 = 4999
-- :p6 = '2025-12-31'
-- :p11 = 10
-- :p2 = 3
-- :p3 = 9
WITH ship4 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN :p12 ELSE '' END || CASE WHEN first_unpaid THEN :p13 ELSE '' END || CASE WHEN overdue_stop THEN :p14 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN :p15 ELSE '' END || CASE WHEN not_sold THEN :p16 ELSE '' END || CASE WHEN manual THEN :p17 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > :p5) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN CLIENTELE_RDIV(CLIENTELE_EXACT(:p9 * c.outlets * CASE WHEN c.outlets >= :p7 THEN :p8 ELSE 10000 END), 10000) ELSE :p10 END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, CLIENTELE_RDIV(CLIENTELE_EXACT(:p9 * c.outlets * CASE WHEN c.outlets >= :p7 THEN :p8 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < :p6) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= :p6) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= date(b.first_date, printf('%+d days', :p11)) AND o3.order_date <= :p6)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p6 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p6) WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, CAST(julianday(:p6) - julianday(o.due_date) AS INTEGER) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p6 AND o.paid_minor < o.net_minor AND o.due_date < :p6) WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= :p6 GROUP BY client_id) b ON b.client_id = c.id)))
SELECT c1.name AS col1, j18.credit_limit AS col2, j18.reasons AS col3
FROM clients AS c1
LEFT JOIN ship4 AS j18 ON j18.client_id = c1.id
WHERE (c1.id IN (:p2, :p3))
ORDER BY c1.id NULLS LAST;

-- update clients | where name == "Ёлкин ИП" set credit_limit = null
-- :p3 = 'Елкин ИП'
SELECT c1.id AS id
FROM clients AS c1
WHERE (replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е') = :p3);

-- clients | where id in [3, 9] | sort id | select name, credit_limit
-- :p11 = '; first payment overdue'
-- :p12 = '; first delivery not paid in full'
-- :p13 = '; overdue order '
-- :p14 = '; credit limit exceeded'
-- :p15 = '; first batch not sold'
-- :p16 = '; manual: '
-- :p5 = 10
-- :p9 = 20000
-- :p7 = 3
-- :p8 = 15000
-- :p6 = '2025-12-31'
-- :p10 = 10
-- :p2 = 3
-- :p3 = 9
WITH ship4 AS (SELECT *, NULLIF(substr(CASE WHEN first_overdue THEN :p11 ELSE '' END || CASE WHEN first_unpaid THEN :p12 ELSE '' END || CASE WHEN overdue_stop THEN :p13 || overdue_order || ': ' || CAST(overdue_days AS TEXT) || ' days past due' ELSE '' END || CASE WHEN over_limit THEN :p14 ELSE '' END || CASE WHEN not_sold THEN :p15 ELSE '' END || CASE WHEN manual THEN :p16 || NULLIF(TRIM(manual_block), '') ELSE '' END, 3), '') AS reasons FROM (SELECT *, (first_late) AS first_overdue, (shipped >= 1 AND first_paid < first_net) AS first_unpaid, (shipped > 1 AND overdue_days > :p5) AS overdue_stop, (credit_limit IS NOT NULL AND open_balance > credit_limit) AS over_limit, (batch_unsold) AS not_sold, (NULLIF(TRIM(manual_block), '') IS NOT NULL) AS manual FROM (SELECT c.id AS client_id, c.manual_block, CASE WHEN c.credit_limit_minor IS NOT NULL THEN c.credit_limit_minor WHEN COALESCE(t.shipped, 0) <= 1 THEN CLIENTELE_RDIV(CLIENTELE_EXACT(:p9 * c.outlets * CASE WHEN c.outlets >= :p7 THEN :p8 ELSE 10000 END), 10000) ELSE NULL END AS credit_limit, CASE WHEN c.credit_limit_minor IS NOT NULL THEN 'set' WHEN COALESCE(t.shipped, 0) <= 1 THEN 'first deal' ELSE 'default' END AS limit_source, CLIENTELE_RDIV(CLIENTELE_EXACT(:p9 * c.outlets * CASE WHEN c.outlets >= :p7 THEN :p8 ELSE 10000 END), 10000) AS first_deal_limit, COALESCE(t.net, 0) - COALESCE(t.paid, 0) AS open_balance, COALESCE(t.shipped, 0) AS shipped, f.id AS first_order, f.net_minor AS first_net, f.paid AS first_paid, (f.paid < f.net_minor AND f.due_date < :p6) AS first_late, COALESCE(d.number, '#' || CAST(d.id AS TEXT)) AS overdue_order, d.days AS overdue_days, (b.first_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.client_id = c.id AND o2.status = 'shipped' AND o2.order_date > b.first_date AND o2.order_date <= :p6) AND EXISTS (SELECT 1 FROM orders o3 WHERE o3.client_id = c.id AND o3.status = 'returned' AND o3.order_date >= b.first_date AND o3.order_date <= date(b.first_date, printf('%+d days', :p10)) AND o3.order_date <= :p6)) AS batch_unsold FROM clients c LEFT JOIN (SELECT o.client_id, COUNT(*) AS shipped, SUM(o.net_minor) AS net, SUM(o.paid_minor) AS paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p6 GROUP BY o.client_id) t ON t.client_id = c.id LEFT JOIN (SELECT client_id, id, net_minor, due_date, paid FROM (SELECT o.client_id, o.id, o.net_minor, o.due_date, o.paid_minor AS paid, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.order_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p6) WHERE rn = 1) f ON f.client_id = c.id LEFT JOIN (SELECT client_id, id, number, days FROM (SELECT o.client_id, o.id, o.number, CAST(julianday(:p6) - julianday(o.due_date) AS INTEGER) AS days, ROW_NUMBER() OVER (PARTITION BY o.client_id ORDER BY o.due_date, o.id) AS rn FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p6 AND o.paid_minor < o.net_minor AND o.due_date < :p6) WHERE rn = 1) d ON d.client_id = c.id LEFT JOIN (SELECT client_id, MIN(order_date) AS first_date FROM orders WHERE status IN ('shipped', 'returned') AND order_date <= :p6 GROUP BY client_id) b ON b.client_id = c.id)))
SELECT c1.name AS col1, j17.credit_limit AS col2
FROM clients AS c1
LEFT JOIN ship4 AS j17 ON j17.client_id = c1.id
WHERE (c1.id IN (:p2, :p3))
ORDER BY c1.id NULLS LAST;

-- update clients | where id == 3 set credit_limit = -5
-- :p2 = 3
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = :p2);

-- clients | where name == "OldDebt" | select late_payments, max_overdue_days, unpaid, risk
-- :p4 = '2025-12-31'
-- :p5 = '2025-12-31'
-- :p6 = '2025-01-01'
-- :p8 = 2
-- :p9 = 5
-- :p10 = 3
-- :p11 = 7
-- :p2 = 'OldDebt'
WITH disc3 AS (SELECT client_id, SUM(overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(MAX(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN MAX(0, COALESCE(CAST(julianday(last_paid) - julianday(due_date) AS INTEGER), 0)) WHEN due_date < :p4 THEN CAST(julianday(:p4) - julianday(due_date) AS INTEGER) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date <= :p5) WHERE order_date >= :p6 OR paid < net_minor OR last_paid > :p5) GROUP BY client_id)
SELECT COALESCE(j7.late_payments, 0) AS col1, COALESCE(j7.max_overdue_days, 0) AS col2, COALESCE(j7.unpaid, 0) AS col3, MAX(CASE WHEN COALESCE(j7.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j7.late_payments, 0) <= :p8 THEN 1 WHEN COALESCE(j7.late_payments, 0) <= :p9 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j7.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j7.max_overdue_days, 0) <= :p10 THEN 1 WHEN COALESCE(j7.max_overdue_days, 0) <= :p11 THEN 2 ELSE 3 END) AS col4
FROM clients AS c1
LEFT JOIN disc3 AS j7 ON j7.client_id = c1.id
WHERE (c1.name = :p2)
ORDER BY c1.id;

-- clients | where name == "OldDebt" | select late_payments, max_overdue_days, unpaid, risk
-- :p4 = '2025-12-31'
-- :p6 = '2025-01-01'
-- :p7 = '2025-12-31'
-- :p10 = 2
-- :p11 = 5
-- :p12 = 3
-- :p13 = 7
-- :p2 = 'OldDebt'
WITH disc3 AS (SELECT client_id, SUM(overdue > 0) AS late_payments, MAX(overdue) AS max_overdue_days, SUM(MAX(net_minor - paid, 0)) AS unpaid FROM (SELECT client_id, net_minor, paid, CASE WHEN paid >= net_minor THEN MAX(0, COALESCE(CAST(julianday(last_paid) - julianday(due_date) AS INTEGER), 0)) WHEN due_date < :p4 THEN CAST(julianday(:p4) - julianday(due_date) AS INTEGER) ELSE 0 END AS overdue FROM (SELECT o.client_id, o.net_minor, o.due_date, o.order_date, o.paid_minor AS paid, o.last_paid AS last_paid FROM orders o WHERE o.status = 'shipped' AND o.order_date BETWEEN :p6 AND :p7)) GROUP BY client_id)
SELECT COALESCE(j9.late_payments, 0) AS col1, COALESCE(j9.max_overdue_days, 0) AS col2, COALESCE(j9.unpaid, 0) AS col3, MAX(CASE WHEN COALESCE(j9.late_payments, 0) = 0 THEN 0 WHEN COALESCE(j9.late_payments, 0) <= :p10 THEN 1 WHEN COALESCE(j9.late_payments, 0) <= :p11 THEN 2 ELSE 3 END, CASE WHEN COALESCE(j9.max_overdue_days, 0) = 0 THEN 0 WHEN COALESCE(j9.max_overdue_days, 0) <= :p12 THEN 1 WHEN COALESCE(j9.max_overdue_days, 0) <= :p13 THEN 2 ELSE 3 END) AS col4
FROM clients AS c1
LEFT JOIN disc3 AS j9 ON j9.client_id = c1.id
WHERE (c1.name = :p2)
ORDER BY c1.id;

-- settings | where key ~ "credit." or key == "risk.debts" | select key, value, default_value
-- :p2 = 'credit.'
-- :p3 = 'risk.debts'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE ((CLIENTELE_CONTAINS(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), :p2)) OR (s1.key = :p3))
ORDER BY s1.key COLLATE CLIENTELE_NOCASE;

-- contacts | sort next_birthday | select name, birthday, next_birthday
-- :p3 = '2025-12-31'
-- :p2 = '2025-12-31'
SELECT c1.name AS col1, c1.birthday AS col2, CLIENTELE_ADD_DAYS(:p3, CLIENTELE_ANNIVERSARY_DAYS(c1.birthday, :p3)) AS col3
FROM contacts AS c1
ORDER BY CLIENTELE_ADD_DAYS(:p2, CLIENTELE_ANNIVERSARY_DAYS(c1.birthday, :p2)) NULLS LAST, c1.id;

-- contacts | where birthday within 30 days | sort next_birthday | select name, next_birthday
-- :p5 = '2025-12-31'
-- :p2 = '2025-12-31'
-- :p3 = 30
-- :p4 = '2025-12-31'
SELECT c1.name AS col1, CLIENTELE_ADD_DAYS(:p5, CLIENTELE_ANNIVERSARY_DAYS(c1.birthday, :p5)) AS col2
FROM contacts AS c1
WHERE (CLIENTELE_ANNIVERSARY_DAYS(c1.birthday, :p2) BETWEEN 0 AND :p3)
ORDER BY CLIENTELE_ADD_DAYS(:p4, CLIENTELE_ANNIVERSARY_DAYS(c1.birthday, :p4)) NULLS LAST, c1.id;

-- contacts | where id == 2 | select name, birthday, next_birthday
-- :p3 = '2027-12-31'
-- :p2 = 2
SELECT c1.name AS col1, c1.birthday AS col2, CLIENTELE_ADD_DAYS(:p3, CLIENTELE_ANNIVERSARY_DAYS(c1.birthday, :p3)) AS col3
FROM contacts AS c1
WHERE (c1.id = :p2)
ORDER BY c1.id;
