-- update clients | where id == 2 set sales_type = "retail chain"
-- $1 = 2
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = $1);

-- update clients | where id == 5 set sales_type = "retail point"
-- $1 = 5
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = $1);

-- check duplicates
WITH dup2 AS (SELECT client_id, CASE WHEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END < client_id THEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END ELSE NULL END AS duplicate_of, CASE WHEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END >= client_id THEN NULL WHEN by_tax = CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END THEN 'same tax id' ELSE 'same name' END AS duplicate_reason FROM (SELECT client_id, MIN(client_id) OVER (PARTITION BY name_key) AS by_name, CASE WHEN tax_key IS NULL THEN NULL ELSE MIN(client_id) OVER (PARTITION BY tax_key) END AS by_tax FROM (SELECT id AS client_id, replace(clientele_fold(TRIM(name)), 'ё', 'е') AS name_key, NULLIF(TRIM(tax_id), '') AS tax_key FROM clients) AS subquery1) AS subquery2)
SELECT j3.duplicate_of AS col1, c1.id AS col2, c1.name AS col3, c1.tax_id AS col4, c1.curator AS col5, j3.duplicate_reason AS col6
FROM clients AS c1
LEFT JOIN dup2 AS j3 ON j3.client_id = c1.id
WHERE (j3.duplicate_of IS NOT NULL)
ORDER BY j3.duplicate_of NULLS LAST, c1.id NULLS LAST;

-- check sales types
-- $1 = 3
-- $2 = 3
-- $3 = 'retail point with '
-- $4 = ' outlets (a chain from 3)'
-- $5 = 'retail chain with '
-- $6 = ' outlets (a chain from 3)'
-- $7 = 3
-- $8 = 'retail point with '
-- $9 = ' outlets (a chain from 3)'
-- $10 = 'retail chain with '
-- $11 = ' outlets (a chain from 3)'
SELECT c1.id AS col1, c1.name AS col2, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col3, c1.outlets AS col4, CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= $2 THEN $3 || CAST(c1.outlets AS TEXT) || $4 WHEN c1.sales_type = 'retail chain' AND c1.outlets < $2 THEN $5 || CAST(c1.outlets AS TEXT) || $6 END AS col5
FROM clients AS c1
WHERE (CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= $7 THEN $8 || CAST(c1.outlets AS TEXT) || $9 WHEN c1.sales_type = 'retail chain' AND c1.outlets < $7 THEN $10 || CAST(c1.outlets AS TEXT) || $11 END IS NOT NULL)
ORDER BY c1.id NULLS LAST;

-- clients | where id in [1, 2, 4, 5, 9] | sort id | select id, sales_type, outlets, duplicate_of, sales_type_conflict
-- $1 = 3
-- $2 = 3
-- $3 = 'retail point with '
-- $4 = ' outlets (a chain from 3)'
-- $5 = 'retail chain with '
-- $6 = ' outlets (a chain from 3)'
-- $7 = 1
-- $8 = 2
-- $9 = 4
-- $10 = 5
-- $11 = 9
WITH dup8 AS (SELECT client_id, CASE WHEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END < client_id THEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END ELSE NULL END AS duplicate_of, CASE WHEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END >= client_id THEN NULL WHEN by_tax = CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END THEN 'same tax id' ELSE 'same name' END AS duplicate_reason FROM (SELECT client_id, MIN(client_id) OVER (PARTITION BY name_key) AS by_name, CASE WHEN tax_key IS NULL THEN NULL ELSE MIN(client_id) OVER (PARTITION BY tax_key) END AS by_tax FROM (SELECT id AS client_id, replace(clientele_fold(TRIM(name)), 'ё', 'е') AS name_key, NULLIF(TRIM(tax_id), '') AS tax_key FROM clients) AS subquery1) AS subquery2)
SELECT c1.id AS col1, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col2, c1.outlets AS col3, j9.duplicate_of AS col4, CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= $2 THEN $3 || CAST(c1.outlets AS TEXT) || $4 WHEN c1.sales_type = 'retail chain' AND c1.outlets < $2 THEN $5 || CAST(c1.outlets AS TEXT) || $6 END AS col5
FROM clients AS c1
LEFT JOIN dup8 AS j9 ON j9.client_id = c1.id
WHERE (c1.id IN ($7, $8, $9, $10, $11))
ORDER BY c1.id NULLS LAST;

-- check sales types
-- $1 = 2
-- $2 = 2
-- $3 = 'retail point with '
-- $4 = ' outlets (a chain from 2)'
-- $5 = 'retail chain with '
-- $6 = ' outlets (a chain from 2)'
-- $7 = 2
-- $8 = 'retail point with '
-- $9 = ' outlets (a chain from 2)'
-- $10 = 'retail chain with '
-- $11 = ' outlets (a chain from 2)'
SELECT c1.id AS col1, c1.name AS col2, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= $1 THEN 'retail chain' ELSE 'retail point' END) AS col3, c1.outlets AS col4, CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= $2 THEN $3 || CAST(c1.outlets AS TEXT) || $4 WHEN c1.sales_type = 'retail chain' AND c1.outlets < $2 THEN $5 || CAST(c1.outlets AS TEXT) || $6 END AS col5
FROM clients AS c1
WHERE (CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= $7 THEN $8 || CAST(c1.outlets AS TEXT) || $9 WHEN c1.sales_type = 'retail chain' AND c1.outlets < $7 THEN $10 || CAST(c1.outlets AS TEXT) || $11 END IS NOT NULL)
ORDER BY c1.id NULLS LAST;
