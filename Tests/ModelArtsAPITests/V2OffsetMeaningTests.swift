import ModelArtsAPI
import Testing

@Suite("V2OffsetMeaning: what offset counts in a v2 job search")
struct V2OffsetMeaningTests {
    @Test("page offsets and windows under each meaning", arguments: [
        (V2OffsetMeaning.records, [0, 50, 100], [(0, 0), (1, 1), (50, 50)]),
        (.pages, [0, 1, 2], [(0, 0), (1, 50), (2, 100)]),
        (.pagesFromOne, [1, 2, 3], [(0, 0), (1, 0), (2, 50), (3, 100)]),
    ])
    func windows(meaning: V2OffsetMeaning, pageOffsets: [Int], skips: [(Int, Int)]) {
        #expect((0..<3).map { meaning.offset(ofPage: $0, limit: 50) } == pageOffsets)
        for (offset, skip) in skips {
            #expect(meaning.window(offset: offset, limit: 50) == (skip, 50), "offset \(offset)")
        }
    }

    @Test("a huge or negative offset skips everything or nothing, never overflows", arguments: V2OffsetMeaning.allCases)
    func extremes(meaning: V2OffsetMeaning) {
        #expect(meaning.window(offset: Int.max, limit: 50).skip >= Int.max / 50)
        #expect(meaning.window(offset: -5, limit: 50).skip == 0)
        #expect(meaning.window(offset: Int.min, limit: 50).skip == 0)
    }
}
