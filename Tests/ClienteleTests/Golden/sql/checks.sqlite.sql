-- update clients | where id == 2 set sales_type = "retail chain"
-- :p2 = 2
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = :p2);

-- update clients | where id == 5 set sales_type = "retail point"
-- :p2 = 5
SELECT c1.id AS id
FROM clients AS c1
WHERE (c1.id = :p2);

-- check duplicates
WITH dup2 AS (SELECT client_id, CASE WHEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END < client_id THEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END ELSE NULL END AS duplicate_of, CASE WHEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END >= client_id THEN NULL WHEN by_tax = CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END THEN 'same tax id' ELSE 'same name' END AS duplicate_reason FROM (SELECT client_id, MIN(client_id) OVER (PARTITION BY name_key) AS by_name, CASE WHEN tax_key IS NULL THEN NULL ELSE MIN(client_id) OVER (PARTITION BY tax_key) END AS by_tax FROM (SELECT id AS client_id, replace(CLIENTELE_FOLD(TRIM(name)), 'ё', 'е') AS name_key, NULLIF(TRIM(tax_id), '') AS tax_key FROM clients)))
SELECT j3.duplicate_of AS col1, c1.id AS col2, c1.name AS col3, c1.tax_id AS col4, c1.curator AS col5, j3.duplicate_reason AS col6
FROM clients AS c1
LEFT JOIN dup2 AS j3 ON j3.client_id = c1.id
WHERE (j3.duplicate_of IS NOT NULL)
ORDER BY j3.duplicate_of NULLS LAST, c1.id NULLS LAST;

-- check sales types
-- :p7 = 3
-- :p8 = 3
-- :p9 = 'retail point with '
-- :p10 = ' outlets (a chain from 3)'
-- :p11 = 'retail chain with '
-- :p12 = ' outlets (a chain from 3)'
-- :p2 = 3
-- :p3 = 'retail point with '
-- :p4 = ' outlets (a chain from 3)'
-- :p5 = 'retail chain with '
-- :p6 = ' outlets (a chain from 3)'
SELECT c1.id AS col1, c1.name AS col2, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p7 THEN 'retail chain' ELSE 'retail point' END) AS col3, c1.outlets AS col4, CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= :p8 THEN :p9 || CAST(c1.outlets AS TEXT) || :p10 WHEN c1.sales_type = 'retail chain' AND c1.outlets < :p8 THEN :p11 || CAST(c1.outlets AS TEXT) || :p12 END AS col5
FROM clients AS c1
WHERE (CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= :p2 THEN :p3 || CAST(c1.outlets AS TEXT) || :p4 WHEN c1.sales_type = 'retail chain' AND c1.outlets < :p2 THEN :p5 || CAST(c1.outlets AS TEXT) || :p6 END IS NOT NULL)
ORDER BY c1.id NULLS LAST;

-- clients | where id in [1, 2, 4, 5, 9] | sort id | select id, sales_type, outlets, duplicate_of, sales_type_conflict
-- :p7 = 3
-- :p10 = 3
-- :p11 = 'retail point with '
-- :p12 = ' outlets (a chain from 3)'
-- :p13 = 'retail chain with '
-- :p14 = ' outlets (a chain from 3)'
-- :p2 = 1
-- :p3 = 2
-- :p4 = 4
-- :p5 = 5
-- :p6 = 9
WITH dup8 AS (SELECT client_id, CASE WHEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END < client_id THEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END ELSE NULL END AS duplicate_of, CASE WHEN CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END >= client_id THEN NULL WHEN by_tax = CASE WHEN COALESCE(by_tax, by_name) < by_name THEN COALESCE(by_tax, by_name) ELSE by_name END THEN 'same tax id' ELSE 'same name' END AS duplicate_reason FROM (SELECT client_id, MIN(client_id) OVER (PARTITION BY name_key) AS by_name, CASE WHEN tax_key IS NULL THEN NULL ELSE MIN(client_id) OVER (PARTITION BY tax_key) END AS by_tax FROM (SELECT id AS client_id, replace(CLIENTELE_FOLD(TRIM(name)), 'ё', 'е') AS name_key, NULLIF(TRIM(tax_id), '') AS tax_key FROM clients)))
SELECT c1.id AS col1, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p7 THEN 'retail chain' ELSE 'retail point' END) AS col2, c1.outlets AS col3, j9.duplicate_of AS col4, CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= :p10 THEN :p11 || CAST(c1.outlets AS TEXT) || :p12 WHEN c1.sales_type = 'retail chain' AND c1.outlets < :p10 THEN :p13 || CAST(c1.outlets AS TEXT) || :p14 END AS col5
FROM clients AS c1
LEFT JOIN dup8 AS j9 ON j9.client_id = c1.id
WHERE (c1.id IN (:p2, :p3, :p4, :p5, :p6))
ORDER BY c1.id NULLS LAST;

-- check sales types
-- :p7 = 2
-- :p8 = 2
-- :p9 = 'retail point with '
-- :p10 = ' outlets (a chain from 2)'
-- :p11 = 'retail chain with '
-- :p12 = ' outlets (a chain from 2)'
-- :p2 = 2
-- :p3 = 'retail point with '
-- :p4 = ' outlets (a chain from 2)'
-- :p5 = 'retail chain with '
-- :p6 = ' outlets (a chain from 2)'
SELECT c1.id AS col1, c1.name AS col2, COALESCE(c1.sales_type, CASE WHEN c1.outlets >= :p7 THEN 'retail chain' ELSE 'retail point' END) AS col3, c1.outlets AS col4, CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= :p8 THEN :p9 || CAST(c1.outlets AS TEXT) || :p10 WHEN c1.sales_type = 'retail chain' AND c1.outlets < :p8 THEN :p11 || CAST(c1.outlets AS TEXT) || :p12 END AS col5
FROM clients AS c1
WHERE (CASE WHEN c1.sales_type = 'retail point' AND c1.outlets >= :p2 THEN :p3 || CAST(c1.outlets AS TEXT) || :p4 WHEN c1.sales_type = 'retail chain' AND c1.outlets < :p2 THEN :p5 || CAST(c1.outlets AS TEXT) || :p6 END IS NOT NULL)
ORDER BY c1.id NULLS LAST;
