import XCTest
@testable import Clientele

final class MarkdownRendererTests: XCTestCase {
    let markdown = RenderOptions(format: .markdown, width: 20, maxRows: 1)

    func testPipeTableWithNumbersRightAlignedAndNothingCut() {
        // Neither width nor maxRows applies: Markdown is for pasting, not for the screen.
        assertRenders(.table(Sample.clients), markdown, """
        | id | name                    |     turnover | discount | last_order |
        |---:|-------------------------|-------------:|---------:|------------|
        |  1 | ООО «Фармация»          |    12,345.00 |       5% | 2025-03-01 |
        |  2 | ИП Ёлкин Пётр Сергеевич | 1,234,567.89 |     2.5% | 2024-12-31 |
        | 10 | АО «Север»              |        -0.05 |          |            |

        """)
    }

    func testPipesAreEscapedAndLineBreaksBecomeBr() {
        let table = Table(columns: [Column(name: "a|b", type: .text), Column(name: "n", type: .integer)],
                          rows: [[.text("x | y"), .integer(1)], [.text("two\nlines"), .integer(22)], [.text("東京"), .null]])
        assertRenders(.table(table), markdown, #"""
        | a\|b         |  n |
        |--------------|---:|
        | x \| y       |  1 |
        | two<br>lines | 22 |
        | 東京         |    |

        """#)
    }

    func testEmptyTableScalarAndChart() {
        assertRenders(.table(Table(columns: [Column(name: "name", type: .text)], rows: [])), markdown, """
        | name |
        |------|

        """)
        assertRenders(.scalar(name: "turnover", value: Sample.money("1234.5")), markdown, """
        | turnover |
        |---------:|
        | 1,234.50 |

        """)
        assertRenders(.chart(title: "t", labels: ["A"], values: [.integer(5)]), markdown, """
        | label | value |
        |-------|------:|
        | A     |     5 |

        """)
    }
}
