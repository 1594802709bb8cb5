import Synchronization

/// Float storage that the kernels read and write through raw pointers: allocated once, 64-byte aligned.
///
/// Layers own their activations, packed weights and scratch space as `FloatBuffer`s so that no
/// forward call allocates. The contents start zeroed. This file and the other kernel files are
/// the only places that touch unsafe pointers.
final class FloatBuffer: @unchecked Sendable {
    let count: Int
    let pointer: UnsafeMutablePointer<Float>

    /// Counts the buffers allocated by the task that binds it: tests check that a training step allocates none.
    @TaskLocal static var allocationCounter: AllocationCounter?

    /// `count` zeros (at least one slot is reserved so that the pointer is always valid).
    init(count: Int) {
        precondition(count >= 0, "negative buffer size \(count)")
        self.count = count
        FloatBuffer.allocationCounter?.count.add(1, ordering: .relaxed)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride,
                                                   alignment: 64)
        pointer = raw.initializeMemory(as: Float.self, repeating: 0, count: max(count, 1))
    }

    /// A buffer holding a copy of `scalars`.
    convenience init(_ scalars: [Float]) {
        self.init(count: scalars.count)
        copy(from: scalars)
    }

    deinit {
        pointer.deallocate()
    }

    /// Overwrites the first `scalars.count` slots (plus `offset`) with `scalars`.
    func copy(from scalars: [Float], offset: Int = 0) {
        precondition(offset + scalars.count <= count, "copy of \(scalars.count) floats overflows \(count)")
        scalars.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            (pointer + offset).update(from: base, count: source.count)
        }
    }

    /// Copies `source[range]` to the slots from `offset`.
    func copy(from source: UnsafeBufferPointer<Float>, range: Range<Int>, offset: Int) {
        precondition(offset + range.count <= count && range.upperBound <= source.count, "copy out of bounds")
        (pointer + offset).update(from: source.baseAddress! + range.lowerBound, count: range.count)
    }

    /// The first `length` scalars (all by default) as an array.
    func array(offset: Int = 0, length: Int? = nil) -> [Float] {
        let length = length ?? count - offset
        precondition(offset + length <= count, "read of \(length) floats overflows \(count)")
        return Array(UnsafeBufferPointer(start: pointer + offset, count: length))
    }

    subscript(index: Int) -> Float {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }
}

/// A count of `FloatBuffer` allocations, bound with `FloatBuffer.$allocationCounter.withValue`.
final class AllocationCounter: Sendable {
    let count = Atomic<Int>(0)
}
