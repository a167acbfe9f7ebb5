// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "calimport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "calimport", targets: ["calimport"]),
        .executable(name: "calimport-queue-bench", targets: ["calimport-queue-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "ICalendar", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "TenantGenerator"),
        .target(name: "Settings", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "Telemetry",
            dependencies: [
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ"]
        ),
        .target(name: "EmbeddedPostgres", dependencies: ["Postgres"]),
        .target(
            name: "JobQueue",
            dependencies: ["Postgres", "ICalendar", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "HTTPTransport",
            dependencies: ["CCurl"]
        ),
        .target(
            name: "CalendarTargets",
            dependencies: [
                "ICalendar", "HTTPTransport", .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "Sandbox",
            dependencies: [
                "ICalendar", "CalendarTargets", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Importer",
            dependencies: [
                "ICalendar", "JobQueue", "Postgres", "HTTPTransport", "CalendarTargets",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .executableTarget(
            name: "calimport",
            dependencies: [
                "Importer", "JobQueue", "Postgres", "EmbeddedPostgres", "ICalendar", "CalendarTargets", "TenantGenerator", "Settings",
                "Telemetry",
                "Sandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "ICalendarBenchmark", dependencies: ["ICalendar", "TenantGenerator"]),
        .executableTarget(
            name: "calimport-queue-bench",
            dependencies: ["Importer", "JobQueue", "CalendarTargets", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Postgres", "Sandbox", "CalendarTargets", "HTTPTransport", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar", "TestSupport"]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings"]),
        .testTarget(
            name: "TelemetryTests",
            dependencies: ["Telemetry", "HTTPTransport", "TestSupport", .product(name: "CoreMetrics", package: "swift-metrics")]
        ),
        .testTarget(name: "DeploymentTests", dependencies: ["TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "TenantGeneratorTests", dependencies: ["TenantGenerator", "ICalendar"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "EmbeddedPostgresTests", dependencies: ["EmbeddedPostgres", "Postgres", "TestSupport"]),
        .testTarget(name: "JobQueueTests", dependencies: ["JobQueue", "ICalendar", "Postgres", "TestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "CalendarTargetsTests",
            dependencies: [
                "CalendarTargets", "Sandbox", "HTTPTransport", "ICalendar", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ImporterTests",
            dependencies: [
                "Importer", "JobQueue", "Postgres", "CalendarTargets", "HTTPTransport", "ICalendar", "TenantGenerator",
                "Sandbox", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
