-- settings | where key ~ "clv." | select key, value, default_value
-- :p2 = 'clv.'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE (CLIENTELE_CONTAINS(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), :p2))
ORDER BY s1.key COLLATE CLIENTELE_NOCASE;
