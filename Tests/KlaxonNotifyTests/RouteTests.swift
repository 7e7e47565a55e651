import KlaxonModel
import Testing

@testable import KlaxonNotify

@Suite struct RouteTests {
    /// The tree of COMPATIBILITY §5.9 (`amtool config routes`).
    static let tree = Route(
        root: RouteSpec(
            receiver: "default",
            groupBy: ["alertname"],
            routes: [
                RouteSpec(receiver: "pager", matchers: [matcher("severity=page")], continue: true),
                RouteSpec(receiver: "slack", matchers: [matcher("service=~db|cache")]),
            ]
        )
    )

    @Test func amtoolExampleFansOutWithContinue() {
        let matched = Self.tree.match(["severity": "page", "service": "db"])
        #expect(matched.map(\.options.receiver) == ["pager", "slack"])
    }

    @Test func noChildMatchFallsBackToParent() {
        #expect(Self.tree.match(["service": "web"]).map(\.options.receiver) == ["default"])
        #expect(Self.tree.match(["service": "cache"]).map(\.options.receiver) == ["slack"])
    }

    @Test func regexIsAnchored() {
        #expect(Self.tree.match(["service": "dbx"]).map(\.options.receiver) == ["default"])
    }

    @Test func firstMatchWithoutContinueStops() {
        let tree = Route(
            root: RouteSpec(
                receiver: "root",
                routes: [
                    RouteSpec(receiver: "first", matchers: [matcher("team=a")]),
                    RouteSpec(receiver: "second", matchers: [matcher("team=a")]),
                ]
            )
        )
        #expect(tree.match(["team": "a"]).map(\.options.receiver) == ["first"])
    }

    @Test func deepestMatchWins() {
        let tree = Route(
            root: RouteSpec(
                receiver: "root",
                routes: [
                    RouteSpec(
                        receiver: "team",
                        matchers: [matcher("team=a")],
                        routes: [RouteSpec(receiver: "team-db", matchers: [matcher("service=db")])]
                    )
                ]
            )
        )
        #expect(tree.match(["team": "a", "service": "db"]).map(\.options.receiver) == ["team-db"])
        #expect(tree.match(["team": "a", "service": "web"]).map(\.options.receiver) == ["team"])
        #expect(tree.match(["team": "b"]).map(\.options.receiver) == ["root"])
    }

    @Test func inheritanceAndDefaults() {
        let tree = Route(
            root: RouteSpec(
                receiver: "root",
                groupBy: ["alertname"],
                groupWait: 1000,
                muteTimeIntervals: [],
                routes: [
                    RouteSpec(
                        matchers: [matcher("a=b")],
                        repeatInterval: 7000,
                        muteTimeIntervals: ["night"],
                        routes: [RouteSpec(groupBy: ["..."], matchers: [matcher("c=d")])]
                    )
                ]
            )
        )
        #expect(tree.options.groupInterval == 5 * Time.minute)
        #expect(tree.options.repeatInterval == 4 * Time.hour)
        let child = tree.children[0]
        #expect(child.options.receiver == "root")
        #expect(child.options.groupBy == ["alertname"])
        #expect(child.options.groupWait == 1000)
        #expect(child.options.repeatInterval == 7000)
        #expect(child.options.muteTimeIntervals == ["night"])
        let grandchild = child.children[0]
        #expect(grandchild.options.groupByAll)
        #expect(grandchild.options.repeatInterval == 7000)
        // Time interval names are not inherited.
        #expect(grandchild.options.muteTimeIntervals.isEmpty)
        #expect(grandchild.key == "{}/{a=\"b\"}/{c=\"d\"}")
        #expect(tree.allNodes.map(\.index) == [0, 1, 2])
    }

    @Test func keysSortMatchersAndQuoteValues() {
        let tree = Route(
            root: RouteSpec(
                receiver: "r",
                routes: [RouteSpec(matchers: [matcher("z=1"), matcher("a!=x\"y"), matcher("m=~.+")])]
            )
        )
        #expect(tree.key == "{}")
        #expect(tree.children[0].key == "{}/{a!=\"x\\\"y\",m=~\".+\",z=\"1\"}")
    }

    @Test func groupLabels() {
        let byName = Route(root: RouteSpec(receiver: "r", groupBy: ["alertname", "missing", "cluster"]))
        let labels: Labels = ["alertname": "X", "cluster": "eu", "instance": "i"]
        #expect(byName.groupLabels(for: labels) == ["alertname": "X", "cluster": "eu"])
        let all = Route(root: RouteSpec(receiver: "r", groupBy: ["..."]))
        #expect(all.groupLabels(for: labels) == labels)
        let none = Route(root: RouteSpec(receiver: "r"))
        #expect(none.groupLabels(for: labels).isEmpty)
    }
}
