internal import HeapModule
internal import KlaxonModel

/// Deadlines of aggregation groups: a min-heap with lazy invalidation (an entry counts only while its
/// deadline is still the group's current one).
struct TimerQueue {
    private struct Entry: Comparable {
        var deadline: Timestamp
        var sequence: UInt64
        var group: Int
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.deadline, lhs.sequence) < (rhs.deadline, rhs.sequence)
        }
    }

    private var heap = Heap<Entry>()
    private var current: [Int: Timestamp] = [:]
    private var sequence: UInt64 = 0

    mutating func schedule(group: Int, at deadline: Timestamp) {
        current[group] = deadline
        sequence += 1
        heap.insert(Entry(deadline: deadline, sequence: sequence, group: group))
    }

    mutating func cancel(group: Int) { current[group] = nil }

    func deadline(of group: Int) -> Timestamp? { current[group] }

    mutating func nextDeadline() -> Timestamp? {
        while let top = heap.min {
            if current[top.group] == top.deadline { return top.deadline }
            heap.removeMin()
        }
        return nil
    }

    /// Removes and returns the groups due at `now`, earliest first.
    mutating func popDue(now: Timestamp) -> [Int] {
        var due: [Int] = []
        while let top = heap.min, top.deadline <= now {
            heap.removeMin()
            if current[top.group] == top.deadline {
                current[top.group] = nil
                due.append(top.group)
            }
        }
        return due
    }

    var count: Int { current.count }
}
