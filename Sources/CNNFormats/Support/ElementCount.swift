/// Element and byte counts of shapes read from files, where any product may overflow.
enum ElementCount {
    /// The product of `shape`, or nil if a dimension is negative or the product overflows `Int`.
    static func of(_ shape: [Int]) -> Int? {
        var product = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            product = next
        }
        return product
    }

    /// `elementCount * scalar.byteCount`, or nil on overflow.
    static func bytes(_ elementCount: Int, of scalar: ScalarType) -> Int? {
        let (product, overflow) = elementCount.multipliedReportingOverflow(by: scalar.byteCount)
        return overflow ? nil : product
    }
}
