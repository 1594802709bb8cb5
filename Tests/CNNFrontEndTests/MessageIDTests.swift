@testable import CNNFrontEnd
import CNNModel
import Testing

/// Ids come from the factories' names, so a message and its id cannot drift apart.
@Suite struct MessageIDTests {
    @Test(arguments: [
        ("unknownLayer(_:suggestion:)", "unknown-layer"), ("overflow", "overflow"),
        ("fixedFilterNeeds3x3", "fixed-filter-needs-3x3"), ("noteDefined(_:)", "note-defined"),
        ("emptySpec()", "empty-spec"),
    ])
    func idIsTheFactoryName(factory: String, id: String) {
        #expect(Message.id(of: factory) == id)
    }

    @Test func factoriesNameTheirIds() {
        #expect(Message.unknownLayer("x", suggestion: nil).id == "unknown-layer")
        #expect(Message.duplicateNameInRepeat("r").id == "duplicate-name-in-repeat")
        #expect(Message.softmaxNotLast().id == "softmax-not-last")
        #expect(Message.noteFirstOption("stride").id == "note-first-option")
        #expect(Message.noteInput(of: "conv1", from: nil, .vector(3), flag: false).id == "note-input")
        #expect(Message.shape(.overflow(what: "x")).id == "overflow")
        #expect(Message.shape(.rateOutOfRange(2)).id == "rate-out-of-range")
        #expect(Message.shape(.groupsDoNotDivideFilters(groups: 3, filters: 4)).id == "groups-do-not-divide-filters")
    }

    /// Notes carry their own ids, not one shared `note`.
    @Test func notesHaveIdsOfTheirOwn() {
        let result = Compiler.compile(source: "input 8x8\nconv 1 1 s1 s2\nconv 2 9x9\n")
        let notes = result.diagnostics.flatMap(\.notes).map(\.id)
        #expect(notes == ["note-first-option"])
        let shape = Compiler.compile(source: "input 4x4x1\nconv 2 9x9\n").diagnostics.flatMap(\.notes).map(\.id)
        #expect(shape.contains("note-input") && !shape.contains("note"))
    }
}
