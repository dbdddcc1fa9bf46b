// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Clientele",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Clientele", targets: ["Clientele"]),
        .executable(name: "clientele", targets: ["ClienteleCLI"]),
        .executable(name: "clientele-bench", targets: ["ClienteleBench"]),
        .executable(name: "clientele-fuzz", targets: ["ClienteleFuzz"]),
        .executable(name: "clientele-example-host", targets: ["ClienteleExampleHost"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            path: "Sources/CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(
            name: "CPrefetch",
            path: "Sources/CPrefetch"
        ),
        // The pure language core: values, syntax, semantics. No GRDB, no SQLite, no I/O.
        .target(
            name: "ClienteleCore",
            path: "Sources/ClienteleCore",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "Clientele",
            dependencies: [
                "ClienteleCore",
                "CPrefetch",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            path: "Sources/Clientele",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "ClienteleCLI",
            dependencies: [
                "Clientele",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/clientele-cli",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "ClienteleBench",
            dependencies: ["Clientele"],
            path: "Sources/clientele-bench",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "ClienteleFuzz",
            dependencies: ["Clientele"],
            path: "Sources/clientele-fuzz",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // The example host of docs/embedding.md: only the public API, Swift 6 mode. The CLI
        // tests run it, so it builds and works with every change.
        .executableTarget(
            name: "ClienteleExampleHost",
            dependencies: ["Clientele"],
            path: "Examples/ClienteleHost",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // One seeded generator, one temporary-store builder and the fixture loader, shared
        // by both test targets (not a product: nothing outside Tests/ depends on it).
        .target(
            name: "ClienteleTestSupport",
            dependencies: ["Clientele"],
            path: "Tests/ClienteleTestSupport",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "ClienteleTests",
            dependencies: ["Clientele", "ClienteleCore", "ClienteleTestSupport"],
            path: "Tests/ClienteleTests",
            exclude: ["Golden"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "ClienteleCLITests",
            dependencies: ["Clientele", "ClienteleCore", "ClienteleTestSupport"],
            path: "Tests/ClienteleCLITests",
            exclude: ["BadInput"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
