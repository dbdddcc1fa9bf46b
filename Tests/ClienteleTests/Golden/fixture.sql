-- Hand-made fixture for golden and cross-check tests. Today is pinned to 2025-12-31 and
-- the default period (last 12 months) is 2025-01-01..2025-12-31. Expected values, by hand:
--
-- id name              turnover  orders avg     abc  late maxdays risk status     sales_type
--  1 ООО Фармация        665.00   2     332.50   A    1    3       1    active     retail chain (5 outlets)
--  2 ФАРМА-ЦЕНТР         500.00   1     500.00   C*   1    4       2    lost       retail point (2)
--  3 Ёлкин ИП            100.00   1     100.00   C*   0    0       0    new        retail point (1)
--  4 Bright Paper Ltd     99.99   1      99.99   C    1  340       3    lost       wholesaler (explicit)
--  5 Арбуз               210.00   4      52.50   B    3    1       2    active     retail chain (3)
--  6 Елена Трейд         350.00   2     175.00   B    1  111       3    active     retail point (1)
--  7 Potential Co          0.00   0       -      -    0    0       0    potential  retail point (1)
--  8 Returned Only         0.00   0       -      -    0    0       0    potential  retail point (1)
-- Total turnover 2025: 1924.99. Lost: last order before 2025-07-04 (180 days); new: first
-- order on or after 2025-10-02 (90 days). abc: A > 500, B 100..500 inclusive, C below;
-- * first-deal rule: a client whose only shipped order so far is its first deal is C
--   (by thresholds alone 2 and 3 would be B: exactly 500 and exactly 100).
INSERT INTO clients (id, name, tax_id, region, direction, activity, sales_type, outlets, mall_outlets, curator, founded, created_at, updated_at) VALUES
 (1, 'ООО Фармация', '7701000001', 'North', 'retail', 'stationery', NULL, 5, 2, 'Иванова', '2001-01-10', '2025-01-01', '2025-01-01'),
 (2, 'ФАРМА-ЦЕНТР', '7701000002', 'South', 'retail', 'photo', NULL, 2, 0, 'Петров', '2010-02-28', '2025-01-01', '2025-01-01'),
 (3, 'Ёлкин ИП', '7701000003', 'North', 'retail', 'souvenirs & gifts', NULL, 1, 0, 'Иванова', '2024-02-29', '2025-01-01', '2025-01-01'),
 (4, 'Bright Paper Ltd', '7701000004', 'Center', 'wholesale', 'stationery', 'wholesaler', 1, 0, 'Smith', NULL, '2025-01-01', '2025-01-01'),
 (5, 'Арбуз', '7701000005', 'Volga', 'retail', 'watches', NULL, 3, 1, 'Петров', '2015-06-01', '2025-01-01', '2025-01-01'),
 (6, 'Елена Трейд', '7701000006', 'North', 'retail', 'other', NULL, 1, 0, 'Иванова', NULL, '2025-01-01', '2025-01-01'),
 (7, 'Potential Co', '7701000007', 'Center', 'retail', 'photo', NULL, 1, 0, 'Smith', NULL, '2025-01-01', '2025-01-01'),
 (8, 'Returned Only', '7701000008', 'South', 'retail', 'other', NULL, 1, 0, 'Петров', NULL, '2025-01-01', '2025-01-01');

INSERT INTO orders (id, number, client_id, outlet, order_date, due_date, gross_minor, discount_minor, net_minor, status) VALUES
 (1, 'A-001', 1, 1, '2025-02-10', '2025-02-20', 40000, 2000, 38000, 'shipped'),
 (2, 'A-002', 1, 2, '2025-08-15', '2025-08-25', 30000, 1500, 28500, 'shipped'),
 (3, 'A-003', 2, 1, '2025-03-01', '2025-03-11', 50000, 0, 50000, 'shipped'),
 (4, 'A-004', 3, 1, '2025-11-20', '2025-11-30', 10000, 0, 10000, 'shipped'),
 (5, 'A-005', 4, 1, '2024-05-10', '2024-05-20', 100000, 0, 100000, 'shipped'),
 (6, 'A-006', 4, 1, '2025-01-15', '2025-01-25', 9999, 0, 9999, 'shipped'),
 (7, 'A-007', 5, 1, '2025-04-01', '2025-04-11', 5000, 0, 5000, 'shipped'),
 (8, 'A-008', 5, 2, '2025-05-01', '2025-05-11', 5000, 0, 5000, 'shipped'),
 (9, 'A-009', 5, 3, '2025-07-01', '2025-07-11', 5000, 0, 5000, 'shipped'),
 (10, 'A-010', 5, 1, '2025-12-20', '2025-12-30', 6000, 0, 6000, 'shipped'),
 (11, 'A-011', 6, 1, '2025-09-01', '2025-09-11', 20000, 0, 20000, 'shipped'),
 (12, 'A-012', 6, 1, '2025-10-01', '2025-10-11', 15000, 0, 15000, 'shipped'),
 (13, 'A-013', 8, 1, '2025-08-01', '2025-08-11', 8000, 0, 8000, 'returned'),
 (14, 'A-014', 2, 1, '2025-09-09', '2025-09-19', 7000, 0, 7000, 'cancelled');

INSERT INTO order_lines (order_id, category_id, gross_minor) VALUES
 (1, 1, 30000), (1, 2, 10000), (2, 1, 30000), (3, 4, 50000), (4, 3, 10000), (5, 1, 100000),
 (6, 5, 9999), (7, 2, 5000), (8, 2, 5000), (9, 2, 5000), (10, 2, 6000), (11, 5, 20000),
 (12, 5, 15000), (13, 5, 8000), (14, 4, 7000);

INSERT INTO payments (order_id, number, date, amount_minor) VALUES
 (1, 'P-1', '2025-02-18', 38000),
 (2, 'P-2', '2025-08-28', 28500),
 (3, 'P-3', '2025-03-15', 50000),
 (4, 'P-4', '2025-11-25', 10000),
 (5, 'P-5', '2024-05-15', 100000),
 (7, 'P-7', '2025-04-12', 5000),
 (8, 'P-8', '2025-05-12', 5000),
 (9, 'P-9', '2025-07-12', 5000),
 (10, 'P-10', '2025-12-29', 6000),
 (11, 'P-11', '2025-09-10', 10000),
 (12, 'P-12', '2025-10-05', 15000);

INSERT INTO contacts (id, client_id, name, position, work_phone, email, birthday, decision_maker) VALUES
 (1, 1, 'Анна Смирнова', 'director', '+7 495 000-00-01', 'anna@pharm.example', '1980-01-05', 1),
 (2, 2, 'Пётр Ли', 'buyer', NULL, NULL, '1976-02-29', 0),
 (3, 4, 'John Smith', 'CEO', '+1 555 0100', 'john@bright.example', '1990-12-31', 1),
 (4, 5, 'Ирина Белова', 'buyer', NULL, NULL, NULL, 0),
 (5, 6, 'Ольга Ким', 'owner', NULL, NULL, '1985-12-20', 1);
