// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "gazette",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gazette", targets: ["gazette"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .executableTarget(
            name: "gazette",
            dependencies: [
                "GazetteCore", "GazetteStore", "GazetteWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Measurements that print figures (scripts/bench).
        .executableTarget(name: "gazette-bench", dependencies: ["GazetteCore"]),
        // Debian's cmark-gfm (CommonMark + GitHub tables and strikethrough) and libxml2's HTML
        // parser: the Markdown renderer and the sanitiser every trusted HTML passes through.
        .systemLibrary(
            name: "CCmarkGFM", path: "Sources/CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Debian's libvips (what sharp, and so Ghost, resize with) behind a small C face without
        // variadic calls: decoding, upright turning, resizing, crops and encoding of photos.
        .systemLibrary(
            name: "CVips", path: "Sources/CVips", pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(name: "CPhoto", dependencies: ["CVips"], path: "Sources/CPhoto"),
        .target(name: "GazetteCore", dependencies: ["CCmarkGFM", "CLibXML2", "CPhoto"]),
        .target(
            name: "GazetteStore",
            dependencies: [
                "GazetteCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "GazetteWeb",
            dependencies: [
                "GazetteCore", "GazetteStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/themes"), .copy("Resources/newsroom")]
        ),
        // Fresh SQLite files and PostgreSQL databases for the store and HTTP tests.
        .target(
            name: "GazetteTestSupport",
            dependencies: [
                "GazetteCore", "GazetteStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/GazetteTestSupport"
        ),
        .testTarget(
            name: "GazetteCoreTests",
            dependencies: ["GazetteCore", "GazetteTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "GazetteStoreTests",
            dependencies: ["GazetteCore", "GazetteStore", "GazetteTestSupport"],
            // Export files read by path (`#filePath`), not bundled.
            exclude: ["Fixtures"]
        ),
        // The command line's parsing of flags and GAZETTE_* variables.
        .testTarget(name: "gazetteTests", dependencies: ["gazette", "GazetteWeb", "GazetteStore"]),
        .testTarget(
            name: "GazetteWebTests",
            dependencies: [
                "GazetteCore", "GazetteStore", "GazetteWeb", "GazetteTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
    ]
)
