@testable import CNNFrontEnd
import CNNDiagnostics
import Testing

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("maxpoll", "maxpool"), ("cnov", "conv"), ("Conv", "conv"), ("desne", "dense"), ("bachnorm", "batchnorm"),
        ("globalavgpol", "globalavgpool"), ("inptu", "input"), ("repet", "repeat"), ("sigmiod", "sigmoid"),
    ])
    func typosFindTheirKeyword(_ typed: String, _ expected: String) {
        #expect(Suggestion.closest(to: typed, among: LayerKeyword.statementWords) == expected)
    }

    @Test func farOffWordsGetNoSuggestion() {
        #expect(Suggestion.closest(to: "pool", among: LayerKeyword.statementWords) == nil)
        #expect(Suggestion.closest(to: "x", among: LayerKeyword.statementWords) == nil)
        #expect(Suggestion.closest(to: "", among: LayerKeyword.statementWords) == nil)
    }

    @Test func tiesPreferTheCandidateOfTheSameLength() {
        #expect(Suggestion.closest(to: "sobelz", among: ["sobel", "sobelx", "sobely"]) == "sobelx")
        #expect(Suggestion.closest(to: "sobelyy", among: ["sobel", "sobelx", "sobely"]) == "sobely")
    }

    @Test func editDistanceCountsASwapOnce() {
        func distance(_ a: String, _ b: String) -> Int {
            Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }
        #expect(distance("ab", "ba") == 1)
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("", "abc") == 3)
        #expect(distance("same", "same") == 0)
    }
}
