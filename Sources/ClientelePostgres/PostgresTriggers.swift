import ClienteleCore
import ClienteleSQLite

/// The SQLite store's triggers, as PL/pgSQL: payment facts kept on orders, the change
/// counter the order facts read, and the rules on amounts.
enum PostgresTriggers {
    /// `orders.paid_minor` and `orders.last_paid` follow the payments (`PaymentRollupMigration`).
    static let paymentFacts = [
        """
        CREATE FUNCTION clientele_payments_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            UPDATE orders SET paid_minor = paid_minor + NEW.amount_minor,
                              last_paid = CASE WHEN last_paid IS NULL OR NEW.date > last_paid THEN NEW.date ELSE last_paid END
            WHERE id = NEW.order_id;
            RETURN NULL;
          END IF;
          UPDATE orders SET paid_minor = (SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE order_id = orders.id),
                            last_paid = (SELECT MAX(date) FROM payments WHERE order_id = orders.id)
          WHERE id = OLD.order_id OR (TG_OP = 'UPDATE' AND id = NEW.order_id);
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER payments_rollup_insert AFTER INSERT ON payments FOR EACH ROW EXECUTE FUNCTION clientele_payments_rollup()",
        "CREATE TRIGGER payments_rollup_delete AFTER DELETE ON payments FOR EACH ROW EXECUTE FUNCTION clientele_payments_rollup()",
        """
        CREATE TRIGGER payments_rollup_update AFTER UPDATE OF order_id, date, amount_minor ON payments
        FOR EACH ROW EXECUTE FUNCTION clientele_payments_rollup()
        """,
    ]

    /// A row inserted without an id gets one past the largest stored, as SQLite's INTEGER
    /// PRIMARY KEY gives, also after rows inserted with their ids (a load, a copy): after
    /// each INSERT statement the identity is moved past the largest id when it is behind.
    static func followIDs(_ tables: [String]) -> [String] {
        [
            """
            CREATE FUNCTION clientele_follow_ids() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE seq text := pg_get_serial_sequence(quote_ident(TG_TABLE_NAME), 'id'); top bigint; upcoming bigint;
            BEGIN
              EXECUTE format('SELECT max(id) FROM %I', TG_TABLE_NAME) INTO top;
              IF top IS NULL THEN RETURN NULL; END IF;
              EXECUTE format('SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %s', seq) INTO upcoming;
              IF top >= upcoming THEN PERFORM setval(seq, top); END IF;
              RETURN NULL;
            END $$
            """,
        ] + tables.map { t in
            "CREATE TRIGGER \(t)_follow_ids AFTER INSERT ON \(t) FOR EACH STATEMENT EXECUTE FUNCTION clientele_follow_ids()"
        }
    }

    /// `facts_version.n` grows with every change to what the order facts hold (`FactsVersionMigration`).
    static let factsVersion = [
        """
        CREATE FUNCTION clientele_facts_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE facts_version SET n = n + 1; RETURN NULL; END $$
        """,
        "CREATE TRIGGER orders_facts_insert AFTER INSERT ON orders FOR EACH STATEMENT EXECUTE FUNCTION clientele_facts_bump()",
        "CREATE TRIGGER orders_facts_delete AFTER DELETE ON orders FOR EACH STATEMENT EXECUTE FUNCTION clientele_facts_bump()",
        """
        CREATE TRIGGER orders_facts_update AFTER UPDATE OF client_id, order_date, due_date, net_minor, status, paid_minor, last_paid
        ON orders FOR EACH STATEMENT EXECUTE FUNCTION clientele_facts_bump()
        """,
    ]

    /// pg4-lines-version (the SQLite store's v14-lines-version): order lines and order
    /// amounts move `facts_version` too, for the what-if's lines kept in memory.
    static let lineVersion = [
        "CREATE TRIGGER order_lines_facts_change AFTER INSERT OR UPDATE OR DELETE ON order_lines FOR EACH STATEMENT EXECUTE FUNCTION clientele_facts_bump()",
        "CREATE TRIGGER orders_amounts_facts_update AFTER UPDATE OF gross_minor, discount_minor ON orders FOR EACH STATEMENT EXECUTE FUNCTION clientele_facts_bump()",
        "UPDATE facts_version SET n = n + 1",
    ]

    /// The SQLite store's amount rules (`OrderAmountsMigration.rules`: the same conditions and
    /// sentences), refusing the row with `check_violation` and the rule's sentence.
    static var amountRules: [String] {
        OrderAmountsMigration.rules.flatMap { rule -> [String] in
            let message = rule.message.replacingOccurrences(of: "'", with: "''")
            let function = "clientele_rule_\(rule.name)"
            return [
                """
                CREATE FUNCTION \(function)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NOT (\(rule.condition("NEW."))) THEN
                    RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = '\(message)';
                  END IF;
                  RETURN NEW;
                END $$
                """,
                """
                CREATE TRIGGER \(rule.name)_rule BEFORE INSERT OR UPDATE OF \(rule.columns.joined(separator: ", "))
                ON \(rule.table) FOR EACH ROW EXECUTE FUNCTION \(function)()
                """,
            ]
        }
    }
}
