-- update clients | where name == "Без Договора" set contract_signed = 2026-01-05
-- $1 = 'Без Договора'
SELECT c1.id AS id
FROM clients AS c1
WHERE (replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е') = $1);

-- orders | where override != null | select number, client.name, due_date, net
SELECT o1.number AS col1, c2.name AS col2, o1.due_date AS col3, o1.net_minor AS col4
FROM orders AS o1
LEFT JOIN clients AS c2 ON c2.id = o1.client_id
WHERE (o1.override_reason IS NOT NULL)
ORDER BY o1.id;

-- orders | where override == "approved by the head (over: first deal: no supply contract signed (contract_signed is empty; first_deal.contract_required))" | select number
-- $1 = 'approved by the head (over: first deal: no supply contract signed (contract_signed is empty; first_deal.contract_required))'
SELECT o1.number AS col1
FROM orders AS o1
WHERE (o1.override_reason = $1)
ORDER BY o1.id;

-- audit | where object == "orders" and new ~ "approved by the head" | select action, key, client.name
-- $1 = 'orders'
-- $2 = 'approved by the head'
SELECT a1.action AS col1, a1.key AS col2, c4.name AS col3
FROM audit AS a1
LEFT JOIN clients AS c4 ON c4.id = a1.client_id
WHERE ((a1.object = $1) AND (clientele_contains(replace(replace(a1.new_values, 'ё', 'е'), 'Ё', 'Е'), $2)))
ORDER BY a1.id;

-- order_lines | where order.number == "S-1" | select category.name, category.goods_class, category.fast_moving, gross
-- $1 = 'S-1'
SELECT c4.name AS col1, c4.goods_class AS col2, c4.fast_moving AS col3, o1.gross_minor AS col4
FROM order_lines AS o1
LEFT JOIN orders AS o2 ON o2.id = o1.order_id
LEFT JOIN categories AS c4 ON c4.id = o1.category_id
WHERE (o2.number = $1)
ORDER BY o1.id;

-- orders | where number == "S-1" | select number, count(lines), override ~ "photo agreed as an addition (over: first deal: not fast-moving goods: photo"
-- $1 = 'photo agreed as an addition (over: first deal: not fast-moving goods: photo'
-- $2 = 'S-1'
SELECT o1.number AS col1, (SELECT COUNT(*) AS v
FROM order_lines AS o3
WHERE (o3.order_id = o1.id)) AS col2, clientele_contains(replace(replace(o1.override_reason, 'ё', 'е'), 'Ё', 'Е'), $1) AS col3
FROM orders AS o1
WHERE (o1.number = $2)
ORDER BY o1.id;

-- update clients | where id == 1 set credit_limit = 700
-- $1 = 1
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = $1);

-- settings | where key ~ "first_deal." or key == "credit.default_limit" | sort key | select key, value, description
-- $1 = 'first_deal.'
-- $2 = 'credit.default_limit'
SELECT s1.key AS col1, s1.value AS col2, s1.description AS col3
FROM settings AS s1
WHERE ((clientele_contains(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), $1)) OR (s1.key = $2))
ORDER BY s1.key COLLATE clientele_ci NULLS LAST;
