#!/bin/bash
# The demo's writer: keeps the source changing, as an application would, so that the sync has something to do after
# the first copy. Every 2 s: a new order, a few orders change status, a customer changes e-mail address, and now and
# then a country is added or removed again (countries is a full-refresh table). Password from MYSQL_PWD.
set -uo pipefail
until mysqladmin ping -h source -u writer --silent 2>/dev/null; do sleep 2; done
echo "demo writer: writing to the source every 2 s"
while true; do
  mysql -h source -u writer shop -e "
    INSERT INTO orders (customer_id, amount, status, note)
      SELECT id, ROUND(1 + RAND() * 500, 2), 'NEW', IF(RAND() < 0.2, 'gift wrap', NULL)
      FROM customers ORDER BY RAND() LIMIT 1;
    UPDATE orders SET status = ELT(1 + FLOOR(RAND() * 5), 'NEW', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED')
      ORDER BY RAND() LIMIT 3;
    UPDATE customers SET email = CONCAT('user', FLOOR(RAND() * 100000), '@example.com') ORDER BY RAND() LIMIT 1;
    DELETE FROM countries WHERE code = 'NO' AND RAND() < 0.1;
    INSERT IGNORE INTO countries (code, name) SELECT 'NO', 'Norway' FROM DUAL WHERE RAND() < 0.1;" \
    || echo "demo writer: the source did not take this round; trying again"
  sleep 2
done
