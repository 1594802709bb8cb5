import CNNEngine
import Testing

/// A tensor's shape and scalars agree by construction: the initialiser is the only way in.
@Suite struct TensorTests {
    @Test func reshapingKeepsTheScalars() {
        let tensor = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let reshaped = tensor.reshaped(to: [2, 3, 1])
        #expect(reshaped.shape == [2, 3, 1])
        #expect(reshaped.scalars == tensor.scalars)
    }

    @Test func mismatchedCountsTrap() async {
        await #expect(processExitsWith: .failure) { _ = Tensor(shape: [2, 2], scalars: [1, 2, 3]) }
        await #expect(processExitsWith: .failure) { _ = Tensor(shape: [-1, -2], scalars: [1, 2]) }
        await #expect(processExitsWith: .failure) { _ = Tensor(shape: [2], scalars: [1, 2]).reshaped(to: [3]) }
    }
}
