// swift-tools-version:6.1
// jobarchive: keep the history of ModelArts v1 training jobs in one portable SQLite file.

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "jobarchive",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jobarchive", targets: ["jobarchive"]),
        .executable(name: "jobarchive-bench", targets: ["jobarchive-bench"]),
        .library(name: "ArchiveStore", targets: ["ArchiveStore"]),
        .library(name: "ModelArtsAPI", targets: ["ModelArtsAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // System zlib (zlib1g-dev): the chunk codec. Only ArchiveStore imports it.
        .systemLibrary(
            name: "CJobArchiveZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Wire models, raw-preserving JSON slicing, status table, SDK-HMAC-SHA256 signing.
        .target(
            name: "ModelArtsAPI",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The archive: schema, entities and revisions, zlib log chunks, FTS5 index, verify, digest.
        .target(
            name: "ArchiveStore",
            dependencies: [
                "ModelArtsAPI",
                "CJobArchiveZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP client for the live v1 API: endpoints, auth, retries.
        .target(
            name: "ModelArtsClient",
            dependencies: [
                "ModelArtsAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Crawl plan, incremental capture, progress, report.
        .target(
            name: "Snapshot",
            dependencies: ["ModelArtsClient", "ArchiveStore"],
            swiftSettings: swiftSettings
        ),
        // Re-serves an archive as the v1 API (Hummingbird).
        .target(
            name: "Replay",
            dependencies: [
                "ArchiveStore",
                "ModelArtsAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        // New submissions from archived versions, with overrides and lineage.
        .target(
            name: "Clone",
            dependencies: [
                "ModelArtsClient", "ArchiveStore", "ModelArtsAPI",
            ],
            swiftSettings: swiftSettings
        ),
        // Deterministic synthetic ModelArts projects: the bundled archive, tests, benchmarks.
        .target(
            name: "SampleProject",
            dependencies: ["ArchiveStore", "ModelArtsAPI"],
            swiftSettings: swiftSettings
        ),
        // The command-line front: every subcommand, the presenter, the one error funnel (a library, so tests
        // parse and run commands in-process).
        .target(
            name: "JobArchiveCLI",
            dependencies: [
                "ArchiveStore", "ModelArtsAPI", "ModelArtsClient", "SampleProject", "Snapshot", "Replay", "Clone",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // The executable: the entry point only.
        .executableTarget(
            name: "jobarchive",
            dependencies: ["JobArchiveCLI"],
            swiftSettings: swiftSettings
        ),
        // Benchmarks of DESIGN.md's targets against baselines run side by side.
        .executableTarget(
            name: "jobarchive-bench",
            dependencies: [
                "ArchiveStore", "SampleProject",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fixtures and temporary-archive helpers shared by the test targets.
        .target(
            name: "JobArchiveTestSupport",
            dependencies: ["ArchiveStore", "JobArchiveCLI", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/JobArchiveTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ModelArtsAPITests",
            dependencies: ["ModelArtsAPI", "JobArchiveTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ArchiveStoreTests",
            dependencies: ["ArchiveStore", "ModelArtsAPI", "JobArchiveTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SampleProjectTests",
            dependencies: ["SampleProject"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReplayTests",
            dependencies: [
                "Replay", "ArchiveStore", "ModelArtsAPI", "SampleProject", "JobArchiveTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SnapshotTests",
            dependencies: [
                "Snapshot", "Replay", "ModelArtsClient", "ArchiveStore", "ModelArtsAPI", "SampleProject", "JobArchiveTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CloneTests",
            dependencies: [
                "Clone", "ArchiveStore", "ModelArtsAPI", "ModelArtsClient", "SampleProject", "JobArchiveTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "jobarchiveTests",
            dependencies: ["JobArchiveCLI", "ArchiveStore", "SampleProject", "ModelArtsAPI", "JobArchiveTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
