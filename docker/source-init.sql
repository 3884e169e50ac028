-- Demo source for docker-compose.yml: the tables of the embedded demo
-- (src/main/java/io/tidemark/embedded/DemoWorkload.java) with a few rows.
-- Runs once, when the source container starts with an empty data volume.
-- customers and orders carry an updated_at modifier column (incremental sync);
-- countries has none (full refresh). The tables synced are listed in routes/tables.camel.yaml.

SET NAMES utf8mb4;
USE shop;

-- InnoDB appends the primary key to every secondary index: KEY (updated_at) acts as (updated_at, id).
CREATE TABLE IF NOT EXISTS customers (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  email VARCHAR(200) NULL,
  country CHAR(2),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  KEY ix_customers_updated_at (updated_at)
);

CREATE TABLE IF NOT EXISTS orders (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  amount DECIMAL(12,2) NOT NULL,
  status VARCHAR(20) NOT NULL,
  note VARCHAR(200) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  KEY ix_orders_updated_at (updated_at)
);

CREATE TABLE IF NOT EXISTS countries (
  code CHAR(2) PRIMARY KEY,
  name VARCHAR(100)
);

INSERT INTO countries (code, name) VALUES
  ('DE', 'Germany'), ('FR', 'France'), ('IT', 'Italy'), ('ES', 'Spain'), ('NL', 'Netherlands'),
  ('GB', 'United Kingdom'), ('US', 'United States'), ('CA', 'Canada'), ('JP', 'Japan'), ('BR', 'Brazil');

INSERT INTO customers (name, email, country) VALUES
  ('Ada Meyer', 'user10231@example.com', 'DE'),
  ('Bo Rossi', NULL, 'IT'),
  ('Chen Tanaka', 'user48812@example.com', 'JP'),
  ('Dana Silva', 'user7730@example.com', 'BR'),
  ('Emil Novak', 'user55102@example.com', 'NL'),
  ('Fatima Dubois', 'user90417@example.com', 'FR'),
  ('Gus Smith', NULL, 'US'),
  ('Hana O''Neil', 'user31566@example.com', 'GB'),
  ('Ivo Meyer', 'user62090@example.com', 'ES'),
  ('Zoë Rossi', 'user84423@example.com', 'CA');

INSERT INTO orders (customer_id, amount, status, note) VALUES
  (1, 42.50, 'NEW', NULL),
  (1, 129.99, 'PAID', 'gift wrap'),
  (2, 15.00, 'SHIPPED', NULL),
  (3, 499.99, 'DELIVERED', NULL),
  (4, 7.25, 'CANCELLED', NULL),
  (5, 88.00, 'NEW', 'gift wrap'),
  (6, 230.40, 'PAID', NULL),
  (7, 19.90, 'NEW', NULL),
  (8, 64.10, 'SHIPPED', NULL),
  (9, 310.00, 'DELIVERED', 'gift wrap'),
  (10, 5.00, 'NEW', NULL),
  (10, 76.35, 'PAID', NULL);
