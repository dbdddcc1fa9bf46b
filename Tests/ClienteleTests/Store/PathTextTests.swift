import XCTest
@testable import ClienteleCore

final class PathTextTests: XCTestCase {
    func testFolderNameAndExtensionLikeDirnameAndBasename() {
        let cases: [(String, String, String, String)] = [
            ("S", ".", "S", ""),
            ("ab.csv", ".", "ab.csv", "csv"),
            ("/S", "/", "S", ""),
            ("./S", ".", "S", ""),
            ("a/b/c.tar.gz", "a/b", "c.tar.gz", "gz"),
            ("/data//s.db", "/data", "s.db", "db"),
            ("dir/", ".", "dir", ""),
            (".hidden", ".", ".hidden", ""),
            ("/", "/", "/", ""),
            ("", ".", "", ""),
        ]
        for (path, folder, name, ext) in cases {
            XCTAssertEqual(PathText.folder(of: path), folder, path)
            XCTAssertEqual(PathText.name(of: path), name, path)
            XCTAssertEqual(PathText.fileExtension(of: path), ext, path)
        }
    }
}
