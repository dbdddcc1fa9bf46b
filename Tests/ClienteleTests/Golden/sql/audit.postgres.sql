-- audit | group object, action agg n = count() | sort object
SELECT a1.object AS col1, a1.action AS col2, COUNT(*) AS col3
FROM audit AS a1
GROUP BY a1.object, a1.action
ORDER BY a1.object COLLATE clientele_ci NULLS LAST;

-- update clients | where id == 1 set region = "Юг", outlets = outlets + 1
-- $1 = 1
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = $1);

-- audit | where action == "update" | select action, object, key, client.name
-- $1 = 'update'
SELECT a1.action AS col1, a1.object AS col2, a1.key AS col3, c3.name AS col4
FROM audit AS a1
LEFT JOIN clients AS c3 ON c3.id = a1.client_id
WHERE (a1.action = $1)
ORDER BY a1.id;

-- update orders | where id == 1 set status = "returned"
-- $1 = 1
SELECT o1.id AS id
FROM orders AS o1
WHERE (o1.id = $1);

-- audit | where action == "update" and object == "orders" | select key, client, old, new
-- $1 = 'update'
-- $2 = 'orders'
SELECT a1.key AS col1, a1.client_id AS col2, a1.old_values AS col3, a1.new_values AS col4
FROM audit AS a1
WHERE ((a1.action = $1) AND (a1.object = $2))
ORDER BY a1.id;

-- delete contacts | where name == "Пётр Петров"
-- $1 = 'Петр Петров'
SELECT c1.id AS id
FROM contacts AS c1
WHERE (replace(replace(c1.name, 'ё', 'е'), 'Ё', 'Е') = $1);

-- audit | where client == 1 and object == "contacts" | sort id desc | select action, key, old, new
-- $1 = 1
-- $2 = 'contacts'
SELECT a1.action AS col1, a1.key AS col2, a1.old_values AS col3, a1.new_values AS col4
FROM audit AS a1
WHERE ((a1.client_id = $1) AND (a1.object = $2))
ORDER BY a1.id DESC NULLS LAST;

-- audit | where object == "settings" | select action, key, old, new
-- $1 = 'settings'
SELECT a1.action AS col1, a1.key AS col2, a1.old_values AS col3, a1.new_values AS col4
FROM audit AS a1
WHERE (a1.object = $1)
ORDER BY a1.id;

-- audit | where object == "rules" | select action, key, old, new
-- $1 = 'rules'
SELECT a1.action AS col1, a1.key AS col2, a1.old_values AS col3, a1.new_values AS col4
FROM audit AS a1
WHERE (a1.object = $1)
ORDER BY a1.id;

-- audit | where user == "(outside clientele)" | count
-- $1 = '(outside clientele)'
SELECT COUNT(*) AS col1 FROM (SELECT a1.changed_at AS col1, a1.user_name AS col2, a1.action AS col3, a1.object AS col4, a1.key AS col5, c3.name AS col6, a1.old_values AS col7, a1.new_values AS col8
FROM audit AS a1
LEFT JOIN clients AS c3 ON c3.id = a1.client_id
WHERE (a1.user_name = $1)) AS subquery1;

-- audit | where action != "add" | group object agg n = count() | sort object
-- $1 = 'add'
SELECT a1.object AS col1, COUNT(*) AS col2
FROM audit AS a1
WHERE (a1.action <> $1)
GROUP BY a1.object
ORDER BY a1.object COLLATE clientele_ci NULLS LAST;
