import Foundation
import ClienteleCore

/// Segment classes ranked over the whole base on the team store (migration
/// `pg4-company-ranks`): ABC by cumulative share, importance (`paretoCTE`) and the RFM
/// quintiles (`rfmCTE`) depend on every client's sales, which row-level security hides from
/// a curator. Two SECURITY DEFINER functions, owned by the schema's owner (who reads every
/// row), rank every client with the SQLite store's rules and return only the clients the
/// calling login may see (`session_user`: a curator's own clients, every client for the
/// other roles), so a curator's client has the class the head sees, and neither function
/// tells a curator anything about another curator's clients. The PostgreSQL dialect prints a
/// call of them where the SQLite one prints the window query (`SQLDialect.ranksCompanyWide`);
/// a curator at psql gets the same classes by calling them.
enum PostgresCompanyRanks {
    /// The clients the calling login may see, for the functions' last WHERE.
    static let visible = """
        (NOT EXISTS (SELECT 1 FROM public.clientele_logins l WHERE l.login = session_user AND l.role = 'curator')
         OR x.client_id IN (SELECT c.id FROM public.clients c JOIN public.clientele_logins l
                            ON l.login = session_user AND l.role = 'curator' AND c.curator = l.curator))
        """

    /// `importance.per`'s columns (SegmentChoices.partitionColumns), by name.
    /// `importance_group` (ClientPartition.directionOrTerritory): the direction, or the region
    /// when the direction is one of `p_territorial` (comma-separated).
    static var partition: String {
        let columns = Set(SegmentChoices.partitionColumns.values).subtracting([ClientPartition.groupField]).sorted()
        return "CASE p_partition " + columns.map { "WHEN '\($0)' THEN c.\($0)" }.joined(separator: " ")
            + " WHEN '\(ClientPartition.groupField)' THEN CASE WHEN c.direction = ANY (string_to_array(p_territorial, ',')) THEN c.region ELSE c.direction END"
            + " END"
    }

    static var functions: [String] {
        let definer = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT"
        let sales = "FROM public.orders o WHERE o.status = 'shipped' AND o.order_date BETWEEN p_from AND p_to GROUP BY o.client_id"
        return [
            """
            CREATE FUNCTION clientele_pareto_classes(p_from date, p_to date, p_partition text, p_territorial text, p_first bigint, p_second bigint,
                                                     p_first_label text, p_second_label text, p_rest text)
            RETURNS TABLE (client_id bigint, class text) \(definer) AS $$
              WITH s AS (SELECT o.client_id, sum(o.net_minor) AS turnover \(sales)),
              g AS (SELECT s.client_id, s.turnover, \(partition) AS part
                    FROM s JOIN public.clients c ON c.id = s.client_id WHERE s.turnover > 0),
              x AS (SELECT g.client_id,
                           sum(g.turnover) OVER (PARTITION BY g.part ORDER BY g.turnover DESC RANGE UNBOUNDED PRECEDING)
                             - g.turnover * count(*) OVER (PARTITION BY g.part, g.turnover) AS before,
                           sum(g.turnover) OVER (PARTITION BY g.part) AS total
                    FROM g)
              SELECT x.client_id, CASE WHEN x.before * 10000 < p_first * x.total THEN p_first_label
                                       WHEN x.before * 10000 < p_second * x.total THEN p_second_label
                                       ELSE p_rest END
              FROM x WHERE \(visible)
            $$
            """,
            """
            CREATE FUNCTION clientele_rfm_scores(p_from date, p_to date)
            RETURNS TABLE (client_id bigint, r bigint, f bigint, m bigint) \(definer) AS $$
              WITH s AS (SELECT o.client_id, max(o.order_date) AS last_order, count(*) AS orders_count,
                                sum(o.net_minor) AS turnover \(sales)),
              t AS (SELECT s.*, ntile(5) OVER (ORDER BY s.last_order, s.client_id) AS nr,
                           ntile(5) OVER (ORDER BY s.orders_count, s.client_id) AS nf,
                           ntile(5) OVER (ORDER BY s.turnover, s.client_id) AS nm
                    FROM s),
              x AS (SELECT t.client_id, min(t.nr) OVER (PARTITION BY t.last_order) AS r,
                           min(t.nf) OVER (PARTITION BY t.orders_count) AS f, min(t.nm) OVER (PARTITION BY t.turnover) AS m
                    FROM t)
              SELECT x.client_id, x.r::bigint, x.f::bigint, x.m::bigint FROM x WHERE \(visible)
            $$
            """,
        ]
    }

    static func migrate(_ tx: PostgresTransaction) throws {
        for f in functions { try tx.execute(f) }
        let signatures = ["clientele_pareto_classes(date, date, text, text, bigint, bigint, text, text, text)",
                          "clientele_rfm_scores(date, date)"]
        for s in signatures { try tx.execute("REVOKE ALL ON FUNCTION \(s) FROM PUBLIC") }
        if let database = try tx.fetchOne("SELECT current_database()")?.first?.string {
            let p = PostgresRoles.prefix(database: database)
            let groups = PostgresRoles.roles.map { PostgresRoles.ident("\(p)_\($0)") }.joined(separator: ", ")
            for s in signatures { try tx.execute("GRANT EXECUTE ON FUNCTION \(s) TO \(groups)") }
        }
    }
}
