/// The SQL functions and the collation the SQLite store registers on every connection
/// (`SQLFunctions`, `UnicodeText`), created in the database with the same results
/// (docs/postgres-dialect.md is the contract; `PostgresFunctionTests` compares them with
/// the SQLite ones on awkward values).
enum PostgresFunctions {
    static let statements: [String] = [
        // CLIENTELE_NOCASE: alphabetical, case ignored, upper case first between texts that
        // differ only in case, equal only when identical (it is used to sort). ICU's root
        // order puts Ё at Е with an accent (so "ёж" before "ель"); the Belarusian tailoring
        // makes Ё a letter of its own right after Е, as CLIENTELE_NOCASE does, and changes
        // nothing else a Russian text holds (it also places Ў after У); Latin before Cyrillic.
        """
        CREATE COLLATION IF NOT EXISTS clientele_ci (provider = icu, locale = 'be-u-kf-upper-kr-latn-cyrl')
        """,
        // Unicode lower / upper case under ICU's root locale (Swift's lowercased / uppercased).
        """
        CREATE OR REPLACE FUNCTION clientele_fold(x text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT lower(x COLLATE "und-x-icu") $$
        """,
        """
        CREATE OR REPLACE FUNCTION clientele_upper(x text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT upper(x COLLATE "und-x-icu") $$
        """,
        """
        CREATE OR REPLACE FUNCTION clientele_contains(haystack text, needle text) RETURNS boolean
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT strpos(lower(haystack COLLATE "und-x-icu"), lower(needle COLLATE "und-x-icu")) > 0
        $$
        """,
        // Half away from zero; the remainder is compared in numeric so that 2 * r cannot overflow.
        """
        CREATE OR REPLACE FUNCTION clientele_rdiv(a bigint, b bigint) RETURNS bigint
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
        DECLARE q bigint; r bigint;
        BEGIN
          IF b = 0 THEN RAISE EXCEPTION 'division by zero' USING ERRCODE = 'division_by_zero'; END IF;
          q := a / b; r := a % b;
          IF abs(r::numeric) * 2 >= abs(b::numeric) THEN
            q := q + (CASE WHEN a < 0 THEN -1 ELSE 1 END) * (CASE WHEN b < 0 THEN -1 ELSE 1 END);
          END IF;
          RETURN q;
        END $$
        """,
        // SUM of bigint is numeric: the same rule on whole numerics, the result a bigint.
        """
        CREATE OR REPLACE FUNCTION clientele_rdiv(a numeric, b numeric) RETURNS bigint
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
        DECLARE q numeric; r numeric;
        BEGIN
          IF b = 0 THEN RAISE EXCEPTION 'division by zero' USING ERRCODE = 'division_by_zero'; END IF;
          q := div(a, b); r := mod(a, b);
          IF abs(r) * 2 >= abs(b) THEN
            q := q + (CASE WHEN a < 0 THEN -1 ELSE 1 END) * (CASE WHEN b < 0 THEN -1 ELSE 1 END);
          END IF;
          RETURN q::bigint;
        END $$
        """,
        // Two integer literals would match both forms above equally; this one decides.
        """
        CREATE OR REPLACE FUNCTION clientele_rdiv(a integer, b integer) RETURNS bigint
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT clientele_rdiv(a::bigint, b::bigint) $$
        """,
        // bigint arithmetic already raises on overflow: the identity, for bigint only.
        """
        CREATE OR REPLACE FUNCTION clientele_exact(x bigint) RETURNS bigint
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT x $$
        """,
        // CLIENTELE_EXACT passes every value that is not a REAL: the values `add` and `update`
        // store go through it whatever their type (a name, a date, `updated_at`). A parameter
        // of unknown type (text is sent untyped) resolves to the text form. numeric and double
        // precision still have no form: a type error rather than a silent conversion.
        """
        CREATE OR REPLACE FUNCTION clientele_exact(x text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT x $$
        """,
        """
        CREATE OR REPLACE FUNCTION clientele_exact(x date) RETURNS date
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT x $$
        """,
        """
        CREATE OR REPLACE FUNCTION clientele_exact(x timestamp) RETURNS timestamp
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT x $$
        """,
        """
        CREATE OR REPLACE FUNCTION clientele_exact(x boolean) RETURNS boolean
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT x $$
        """,
        """
        CREATE OR REPLACE FUNCTION clientele_add_days(d date, n bigint) RETURNS date
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
        DECLARE r date;
        BEGIN
          IF abs(n::numeric) <= 3652059 THEN r := d + n::integer; END IF;
          IF r IS NULL OR r < DATE '0001-01-01' OR r > DATE '9999-12-31' THEN
            RAISE EXCEPTION '% % % days is outside the calendar a store holds (0001-01-01 to 9999-12-31)',
              to_char(d, 'YYYY-MM-DD'), CASE WHEN n < 0 THEN 'minus' ELSE 'plus' END, abs(n::numeric)
              USING ERRCODE = 'datetime_field_overflow';
          END IF;
          RETURN r;
        END $$
        """,
        // 29 February falls on 28 February in common years; NULL past 9999-12-31.
        """
        CREATE OR REPLACE FUNCTION clientele_anniversary_days(d date, today date) RETURNS integer
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
        DECLARE y integer := extract(year FROM today); m integer := extract(month FROM d);
                dd integer := extract(day FROM d); upcoming date;
        BEGIN
          FOR attempt IN 0..1 LOOP
            IF y + attempt > 9999 THEN RETURN NULL; END IF;
            upcoming := make_date(y + attempt, m,
              CASE WHEN m = 2 AND dd = 29 AND NOT ((y + attempt) % 4 = 0 AND ((y + attempt) % 100 <> 0 OR (y + attempt) % 400 = 0))
                   THEN 28 ELSE dd END);
            IF upcoming >= today THEN RETURN upcoming - today; END IF;
          END LOOP;
          RETURN NULL;
        END $$
        """,
    ]
}
