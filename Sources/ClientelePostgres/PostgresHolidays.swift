import Foundation
import ClienteleCore
import ClienteleSQLite

/// Issue 20 item 8 on PostgreSQL (the SQLite store's `v16-holidays`): the holidays table with
/// its default rows, the function that finds a holiday's next date, its audit, and the same
/// privileges as rfm_segments (every role reads, the head writes).
enum PostgresHolidays {
    static let checks: [String: String] = Dictionary(uniqueKeysWithValues: HolidaysMigration.checks.map { ($0.name, $0.sql) })

    /// HolidayDate.daysUntil in SQL: a fixed day (29 February on 28 February in common years)
    /// or the 1st-4th or last (-1) weekday (1 Monday ... 7 Sunday) of the month.
    static let function = """
        CREATE OR REPLACE FUNCTION clientele_holiday_days(m bigint, d bigint, wd bigint, wk bigint, today date) RETURNS integer
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
        DECLARE y integer; len integer; upcoming date; first date; last date;
        BEGIN
          IF m IS NULL OR today IS NULL OR m < 1 OR m > 12 THEN RETURN NULL; END IF;
          FOR attempt IN 0..1 LOOP
            y := extract(year FROM today)::integer + attempt;
            IF y > 9999 THEN RETURN NULL; END IF;
            first := make_date(y, m::integer, 1);
            len := extract(day FROM (first + interval '1 month' - interval '1 day'))::integer;
            IF d IS NOT NULL THEN
              IF d < 1 THEN RETURN NULL; END IF;
              upcoming := make_date(y, m::integer, least(d::integer, len));
            ELSIF wd IS NULL OR wk IS NULL OR wd < 1 OR wd > 7 OR NOT (wk = -1 OR wk BETWEEN 1 AND 4) THEN
              RETURN NULL;
            ELSIF wk = -1 THEN
              last := make_date(y, m::integer, len);
              upcoming := last - ((extract(isodow FROM last)::integer - wd::integer + 7) % 7);
            ELSE
              upcoming := first + ((wd::integer - extract(isodow FROM first)::integer + 7) % 7) + 7 * (wk::integer - 1);
            END IF;
            IF upcoming >= today THEN RETURN upcoming - today; END IF;
          END LOOP;
          RETURN NULL;
        END $$
        """

    static func migrate(_ tx: PostgresTransaction) throws {
        try tx.execute(function)
        let rules = HolidaysMigration.checks.map { "CONSTRAINT \($0.name) CHECK (\($0.sql))" }
        try tx.execute("""
            CREATE TABLE holidays (
                \(PostgresSchema.id), name text NOT NULL UNIQUE, month bigint NOT NULL, day bigint, weekday bigint, week bigint,
                activity text, \(rules.joined(separator: ", ")))
            """)
        try tx.execute("CREATE TRIGGER holidays_follow_ids AFTER INSERT ON holidays FOR EACH STATEMENT EXECUTE FUNCTION clientele_follow_ids()")
        for h in HolidaysMigration.defaults {
            func n(_ x: Int?) -> SQLValue { x.map { .integer(Int64($0)) } ?? .null }
            try tx.execute("INSERT INTO holidays (name, month, day, weekday, week, activity) VALUES ($1, $2, $3, $4, $5, $6)",
                           .positional([.text(h.name), n(h.month), n(h.day), n(h.weekday), n(h.week), h.activity.map { .text($0) } ?? .null]))
        }
        try PostgresRoles.attachHeadManagedTable(AuditLog.holidays, in: tx)
    }
}
