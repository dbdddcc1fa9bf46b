-- clients | where id in [1, 2, 4, 6] | sort id | select id, name, last_contact, days_since_contact, next_promised_payment
-- $1 = '2025-12-31'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 1
-- $5 = 2
-- $6 = 4
-- $7 = 6
SELECT c1.id AS col1, c1.name AS col2, CASE WHEN (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $1) IS NULL THEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $1) WHEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $1) IS NULL THEN (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $1) WHEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $1) > (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $1) THEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $1) ELSE (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $1) END AS col3, ($2 - CASE WHEN (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $2) IS NULL THEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $2) WHEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $2) IS NULL THEN (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $2) WHEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $2) > (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $2) THEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $2) ELSE (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $2) END) AS col4, (SELECT MIN(pa.promised_date) FROM collections pa WHERE pa.client_id = c1.id AND pa.promised_date >= $3) AS col5
FROM clients AS c1
WHERE (c1.id IN ($4, $5, $6, $7))
ORDER BY c1.id NULLS LAST;

-- clients | where count(interactions) > 0 | sort id | select name, n = count(interactions), calls = count(interactions where channel == "call")
-- $1 = 'call'
-- $2 = 0
SELECT c1.name AS col1, (SELECT COUNT(*) AS v
FROM interactions AS i4
WHERE (i4.client_id = c1.id)) AS col2, (SELECT COUNT(*) AS v
FROM interactions AS i5
WHERE (i5.client_id = c1.id) AND (i5.channel = $1)) AS col3
FROM clients AS c1
WHERE ((SELECT COUNT(*) AS v
FROM interactions AS i2
WHERE (i2.client_id = c1.id)) > $2)
ORDER BY c1.id NULLS LAST;

-- interactions | where client.region == "North" | sort date | select date, client.name, channel, result
-- $1 = 'North'
SELECT i1.date AS col1, c2.name AS col2, i1.channel AS col3, i1.result AS col4
FROM interactions AS i1
LEFT JOIN clients AS c2 ON c2.id = i1.client_id
WHERE (c2.region = $1)
ORDER BY i1.date NULLS LAST, i1.id;

-- collections | sort date | select date, client.name, order.number, action, result, promised_date, promised_amount
SELECT c1.date AS col1, c2.name AS col2, o3.number AS col3, c1.action AS col4, c1.result AS col5, c1.promised_date AS col6, c1.promised_minor AS col7
FROM collections AS c1
LEFT JOIN clients AS c2 ON c2.id = c1.client_id
LEFT JOIN orders AS o3 ON o3.id = c1.order_id
ORDER BY c1.date NULLS LAST, c1.id;

-- orders | where count(collections) > 0 | select number, client.name, net, paid, count(collections)
-- $1 = 0
SELECT o1.number AS col1, c4.name AS col2, o1.net_minor AS col3, o1.paid_minor AS col4, (SELECT COUNT(*) AS v
FROM collections AS c5
WHERE (c5.order_id = o1.id)) AS col5
FROM orders AS o1
LEFT JOIN clients AS c4 ON c4.id = o1.client_id
WHERE ((SELECT COUNT(*) AS v
FROM collections AS c2
WHERE (c2.order_id = o1.id)) > $1)
ORDER BY o1.id;

-- contracts | select number, client.name, signed, executed, terms
SELECT c1.number AS col1, c2.name AS col2, c1.signed AS col3, c1.executed AS col4, c1.terms AS col5
FROM contracts AS c1
LEFT JOIN clients AS c2 ON c2.id = c1.client_id
ORDER BY c1.id;

-- conflicts | select date, client.name, description, resolution
SELECT c1.date AS col1, c2.name AS col2, c1.description AS col3, c1.resolution AS col4
FROM conflicts AS c1
LEFT JOIN clients AS c2 ON c2.id = c1.client_id
ORDER BY c1.id;

-- update interactions | where channel == "exhibition" set result = "met at the stand"
-- $1 = 'exhibition'
SELECT i1.id AS id
FROM interactions AS i1
WHERE (i1.channel = $1);

-- delete conflicts | where client.name == "Bright Paper Ltd"
-- $1 = 'Bright Paper Ltd'
SELECT c1.id AS id
FROM conflicts AS c1
LEFT JOIN clients AS c2 ON c2.id = c1.client_id
WHERE (c2.name = $1);

-- conflicts | count
SELECT COUNT(*) AS col1 FROM (SELECT c1.id AS col1, c1.date AS col2, c2.name AS col3, c1.description AS col4, c1.resolution AS col5
FROM conflicts AS c1
LEFT JOIN clients AS c2 ON c2.id = c1.client_id) AS subquery1;

-- clients | where days_since_contact > 30 or next_promised_payment <= today() + 7 days | sort id | select name, last_contact, next_promised_payment
-- $1 = '2025-12-31'
-- $2 = '2025-12-31'
-- $3 = '2025-12-31'
-- $4 = 30
-- $5 = '2025-12-31'
-- $6 = '2025-12-31'
-- $7 = 7
SELECT c1.name AS col1, CASE WHEN (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $1) IS NULL THEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $1) WHEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $1) IS NULL THEN (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $1) WHEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $1) > (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $1) THEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $1) ELSE (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $1) END AS col2, (SELECT MIN(pa.promised_date) FROM collections pa WHERE pa.client_id = c1.id AND pa.promised_date >= $2) AS col3
FROM clients AS c1
WHERE ((($3 - CASE WHEN (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $3) IS NULL THEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $3) WHEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $3) IS NULL THEN (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $3) WHEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $3) > (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $3) THEN (SELECT MAX(ca.date) FROM collections ca WHERE ca.client_id = c1.id AND ca.date <= $3) ELSE (SELECT MAX(ia.date) FROM interactions ia WHERE ia.client_id = c1.id AND ia.date <= $3) END) > $4) OR ((SELECT MIN(pa.promised_date) FROM collections pa WHERE pa.client_id = c1.id AND pa.promised_date >= $5) <= clientele_add_days($6, $7)))
ORDER BY c1.id NULLS LAST;
