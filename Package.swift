// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "AssistBroker",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "assistd", targets: ["assistd"]),
        .executable(name: "assist", targets: ["assist"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            // PostgreSQL over Debian's libpq: connections, a pool off the event loops, typed errors.
            name: "LibPQ",
            dependencies: ["CLibPQ", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .target(
            // Persistence on PostgreSQL (several nodes): the same migrations, by the same names.
            name: "AssistStorePostgres",
            dependencies: ["AssistCore", "LibPQ", "OpenSSLCrypto"],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "ZlibInflate",
            dependencies: ["AssistCore", "CZlib"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OpenSSLCrypto",
            dependencies: ["COpenSSL"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OpenSSLTLS",
            dependencies: [
                "COpenSSL",
                "OpenSSLCrypto",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AssistCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AssistStore",
            dependencies: [
                "AssistCore",
                // SHA-256 for the audit chain, computed inside the store's transactions; AES-GCM for credentials.
                "OpenSSLCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AssistDesk",
            dependencies: ["AssistCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AssistMail",
            dependencies: [
                "AssistCore",
                "AssistDesk",
                "OpenSSLTLS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AssistServer",
            dependencies: [
                "AssistCore",
                "AssistDesk",
                "AssistMail",
                "AssistStore",
                "AssistStorePostgres",
                "LibPQ",
                "OpenSSLCrypto",
                "OpenSSLTLS",
                "ZlibInflate",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The web console's page templates and its own styles and script (no external resources).
            resources: [.copy("Web/Templates"), .copy("Web/Static")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "assistd",
            dependencies: [
                "AssistServer",
                "AssistDesk",
                "AssistStore",
                "AssistCore",
                "LibPQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AssistClient",
            dependencies: [
                "OpenSSLTLS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "assist",
            dependencies: [
                "AssistClient",
                "OpenSSLTLS",
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AssistTestSupport",
            dependencies: ["AssistCore", "AssistStore", "AssistDesk", "LibPQ", .product(name: "NIOPosix", package: "swift-nio")],
            path: "Tests/AssistTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OpenSSLTLSTests",
            dependencies: [
                "OpenSSLTLS",
                "OpenSSLCrypto",
                "COpenSSL",
                "AssistTestSupport",
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            // Against the suite's throwaway PostgreSQL (Scripts/test starts it).
            name: "LibPQTests",
            dependencies: ["LibPQ", "AssistTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AssistStorePostgresTests",
            dependencies: ["AssistStorePostgres", "AssistStore", "LibPQ", "AssistTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AssistCoreTests",
            dependencies: ["AssistCore", "ZlibInflate", "CZlib"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AssistMailTests",
            dependencies: ["AssistMail", "AssistTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AssistStoreTests",
            dependencies: ["AssistStore", "AssistTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            // Every use case at the desk: a temporary SQLite file, a clock the test moves, no TLS.
            name: "AssistDeskTests",
            dependencies: [
                "AssistDesk", "AssistCore", "AssistStore", "AssistStorePostgres", "AssistServer", "AssistTestSupport", "LibPQ",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AssistServerTests",
            dependencies: [
                "AssistServer",
                "AssistDesk",
                "AssistMail",
                "AssistStore",
                "AssistCore",
                "AssistClient",
                "AssistTestSupport",
                "LibPQ",
                "OpenSSLTLS",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
