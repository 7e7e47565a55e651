import Foundation
import KlaxonModel
import Testing

@testable import KlaxonNotify

/// Fixtures/routes/routes.yml rebuilt in code, checked against `amtool config routes` (and `routes test --tree`)
/// 0.25 output recorded by `scripts/record/amtool-routes.py` (its NOTIFY_TESTS cases).
@Suite struct RouteTreeTests {
    static let route = Route(
        root: RouteSpec(
            receiver: "default",
            groupBy: ["alertname"],
            routes: [
                RouteSpec(receiver: "pager", matchers: [matcher("severity=page")], continue: true),
                RouteSpec(
                    receiver: "slack",
                    matchers: [matcher("service=~db|cache")],
                    routes: [
                        RouteSpec(
                            receiver: "dba",
                            groupBy: ["..."],
                            matchers: [matcher("team=~d.*"), matcher("env!=dev")]
                        )
                    ]
                ),
                RouteSpec(matchers: [matcher("x=a\"b")]),
            ]
        )
    )

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/routes")

    @Test func routingTree() throws {
        let expected = try String(contentsOf: Self.directory.appendingPathComponent("tree.out"), encoding: .utf8)
        #expect(Self.route.routingTree() == expected)
    }

    @Test(arguments: ["test-page-db-team", "test-page-cache", "test-none", "test-x"])
    func routesTest(name: String) throws {
        let url = Self.directory.appendingPathComponent(name + ".out")
        let recorded = try String(contentsOf: url, encoding: .utf8)
        var lines = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        let arguments = lines.removeFirst().split(separator: " ")
        var pairs: [Label] = []
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1)
            pairs.append(Label(String(parts[0]), String(parts[1]).replacingOccurrences(of: "\\\"", with: "\"")))
        }
        let expected = lines.joined(separator: "\n")
        #expect(Self.route.routesTest(Labels(pairs), tree: true) + "exit 0\n" == expected)
        let receivers = lines.dropLast(2).last.map(String.init) ?? ""
        #expect(Self.route.routesTest(Labels(pairs), tree: false) == receivers + "\n")
    }

    /// `match_re: {service: 'db|cache'}` is shown by amtool 0.25 as `{service=~"^(?:db|cache)$"}`.
    @Test func deprecatedMatchREIsAnchoredInKeys() throws {
        let matcher = try AlertmanagerConfig.matchREMatcher(name: "service", pattern: "db|cache")
        let tree = Route(
            root: RouteSpec(receiver: "default", routes: [RouteSpec(receiver: "slack", matchers: [matcher])])
        )
        #expect(tree.children[0].key == "{}/{service=~\"^(?:db|cache)$\"}")
        #expect(tree.match(["service": "cache"]).map(\.options.receiver) == ["slack"])
        #expect(tree.match(["service": "dbx"]).map(\.options.receiver) == ["default"])
        #expect(
            tree.routingTree()
                == "Routing tree:\n.\n└── default-route  receiver: default\n    └── {service=~\"^(?:db|cache)$\"}  receiver: slack\n\n"
        )
    }
}
