public import KlaxonModel

/// `amtool config routes` / `amtool config routes test` output (0.25, xlab/treeprint drawing).
extension Route {
    private var treeLabel: String {
        index == 0 ? "default-route" : "{" + matchers.map(\.description).joined(separator: ",") + "}"
    }

    /// `amtool config routes`: every node with `continue` and its receiver.
    public func routingTree() -> String {
        var out = "Routing tree:\n.\n"
        draw(into: &out, prefix: "", isLast: true) { node in
            var label = node.treeLabel
            if node.continue { label += "  continue: true" }
            return label + "  receiver: " + node.options.receiver
        }
        return out + "\n"
    }

    /// `amtool config routes test [--tree] labels…`: the receivers of the matching nodes, comma-joined,
    /// preceded with `--tree` by the tree of the paths to them.
    public func routesTest(_ labels: Labels, tree: Bool) -> String {
        let matched = match(labels)
        let receivers = matched.map(\.options.receiver).joined(separator: ",") + "\n"
        guard tree else { return receivers }
        let matchedIndices = Set(matched.map(\.index))
        var out = "Matching routes:\n.\n"
        draw(
            into: &out,
            prefix: "",
            isLast: true,
            include: { $0.leadsTo(matchedIndices) },
            label: { node in
                matchedIndices.contains(node.index)
                    ? node.treeLabel + "  receiver: " + node.options.receiver : node.treeLabel
            }
        )
        return out + "\n\n" + receivers
    }

    private func leadsTo(_ indices: Set<Int>) -> Bool {
        indices.contains(index) || children.contains { $0.leadsTo(indices) }
    }

    private func draw(
        into out: inout String,
        prefix: String,
        isLast: Bool,
        include: (Route) -> Bool = { _ in true },
        label: (Route) -> String
    ) {
        out += prefix + (isLast ? "└── " : "├── ") + label(self) + "\n"
        let shown = children.filter(include)
        let childPrefix = prefix + (isLast ? "    " : "│\u{a0}\u{a0} ")  // treeprint pads with two NBSPs
        for (position, child) in shown.enumerated() {
            child.draw(
                into: &out,
                prefix: childPrefix,
                isLast: position == shown.count - 1,
                include: include,
                label: label
            )
        }
    }
}
