import KlaxonModel
import Testing

@testable import KlaxonNotify

@Suite struct RouteTests {
    @Test func rootKey() {
        let root = Route(root: RouteSpec(receiver: "default"))
        #expect(root.key == "{}")
    }
}
