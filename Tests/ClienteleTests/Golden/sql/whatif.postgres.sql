-- scenarios | select name
SELECT s1.name AS col1
FROM scenarios AS s1;
