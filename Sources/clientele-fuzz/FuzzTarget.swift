import Clientele
import Foundation

// libFuzzer target. The first byte of an input chooses what is fuzzed, the rest is the
// input itself: 0 the front end (lexer, parser, checker, diagnostics) with a script, 1 the
// CSV reader and header mapping with a file's bytes, 2 a `--param` value used in scripts
// against a small read-only demo store. scripts/fuzz
// builds it with -sanitize=fuzzer,address -DCLIENTELE_FUZZING: libFuzzer then supplies
// main() through LLVMFuzzerRunDriver. In a plain build it is a small program that replays inputs, for debugging a
// crash the fuzzer found: `clientele-fuzz FILE...`.

@_cdecl("LLVMFuzzerTestOneInput")
public func clienteleFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = UnsafeBufferPointer(start: data + 1, count: size - 1)
    switch data[0] % 3 {
    case 0:
        // Script files are decoded as UTF-8 and anything else is refused before parsing.
        guard let text = String(validating: body, as: UTF8.self) else { return 0 }
        FuzzEntry.check(text)
    case 1:
        FuzzEntry.csv(Data(body))
    default:
        // A --param value arrives as an argument: UTF-8 text without NUL.
        guard let text = String(validating: body, as: UTF8.self), !text.contains("\u{0}") else { return 0 }
        FuzzEntry.param(text)
    }
    return 0
}

#if CLIENTELE_FUZZING
// libFuzzer's own main() is not linked (SwiftPM points main at this module's entry point),
// so the entry point hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

@main
enum FuzzMain {
    static func main() {
        #if CLIENTELE_FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, clienteleFuzzTestOneInput))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            _ = bytes.withUnsafeBytes { raw in
                clienteleFuzzTestOneInput(raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
            }
            print("\(path): no crash")
        }
        #endif
    }
}
