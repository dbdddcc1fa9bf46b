-- scenarios | select name
SELECT s1.name AS col1
FROM scenarios AS s1
ORDER BY s1.id;
