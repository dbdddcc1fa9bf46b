-- settings | where key ~ "clv." | select key, value, default_value
-- $1 = 'clv.'
SELECT s1.key AS col1, s1.value AS col2, s1.default_value AS col3
FROM settings AS s1
WHERE (clientele_contains(replace(replace(s1.key, 'ё', 'е'), 'Ё', 'Е'), $1))
ORDER BY s1.key COLLATE clientele_ci;
