import Clientele
import Foundation

// libFuzzer target for the front end (lexer, parser, checker, diagnostics). scripts/fuzz
// builds it with -sanitize=fuzzer,address -DCLIENTELE_FUZZING: libFuzzer then supplies
// main() through LLVMFuzzerRunDriver. In a plain build it is a small program that replays inputs, for debugging a
// crash the fuzzer found: `clientele-fuzz FILE...`.

@_cdecl("LLVMFuzzerTestOneInput")
public func clienteleFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    // Script files are decoded as UTF-8 and anything else is refused before parsing.
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    FuzzEntry.check(text)
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
