import Foundation

/// Bad `let`s: self-reference, redefinition, use before definition, a let of something
/// that is not a pipeline. Each runs through the real program on a copy of the fixture.
extension BadInputCase {
    static let shell: [BadInputCase] = [
        command("s01-let-refers-to-itself-first", "let a = a | where id > 5\na | count"),
        command("s02-let-bare-self-reference-then-unknown-field", "let a = clients\nlet a = a\na | where nope == 1"),
        command("s03-let-shadowed-by-other-object-keeps-old-fields", "let a = clients | where id > 0\nlet a = orders | where gross > 0\na | where region == \"North\""),
        command("s04-let-refined-into-columns-then-object-field", "let a = clients | select id, name\nlet a = a | where region == \"North\""),
        command("s05-let-used-before-its-definition", "b | count\nlet b = clients"),
        command("s06-let-refers-to-a-later-let", "let a = b | take 1\nlet b = clients"),
        command("s07-let-named-like-an-object", "let clients = clients | where id > 1"),
        command("s08-let-of-a-number", "let n = 5"),
        command("s09-let-of-a-command", "let x = add clients name: \"Ghost\""),
        command("s10-let-without-a-value", "let a ="),
        command("s11-stage-after-a-let-of-count", "let n = clients | count\nn | where id > 1"),
        command("s12-let-that-fails-then-used", "let a = clients | where nope > 1\na | count"),
        command("s13-let-self-reference-in-a-where", "let a = clients | where a > 1"),
        command("s14-let-misspelled-shadow", "let north = clients | where region == \"North\"\nlet north = nort | take 1"),
        command("s15-let-bare-self-reference-first", "let a = a"),
        command("s16-failed-redefinition-is-reported-once", "let a = clients\nlet a = a | where nope > 1\nlet b = a | take 1\na | count"),
        command("s17-let-of-a-string", "let greeting = \"hello\""),
        command("s18-let-of-an-update", "let x = update clients | where id == 1 set name = \"X\""),
        command("s19-let-of-an-expression", "let total = sum(turnover)"),
        command("s20-shadowed-let-type-error", "let a = clients | select id, name\nlet a = a | where name > 5"),
    ]
}
