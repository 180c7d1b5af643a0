/// The checks that data fits a network, shared by everything that runs one on images
/// (training, evaluation, accuracy, inference, the mistakes gallery, probes and predictions),
/// so a mismatch always gets the same message and never reaches an index.
extension CNN {
    /// Checks that images of per-sample shape `shape` `[C, H, W]` are this network's input.
    /// - Throws: `RuntimeError` giving both shapes.
    public func checkInput(shape: [Int]) throws {
        guard shape == inputShape else {
            throw RuntimeError("the network takes images of shape \(inputShape), the data has \(shape)")
        }
    }

    /// Checks that labelled images fit: their shape is the input shape and every class they
    /// can hold is one of the network's outputs.
    /// - Throws: `RuntimeError` giving the shapes or the class counts.
    public func checkFits(_ data: ImageDataset) throws {
        try checkInput(shape: data.shape)
        guard data.classes <= classes else {
            throw RuntimeError("the data has \(data.classes) classes but the network has \(classes) outputs; build it with classes: \(data.classes)")
        }
    }

    /// Checks that training at `batch` samples stays within `CNNBudget`'s memory limit.
    /// - Throws: `RuntimeError` giving the memory the batch would need.
    public func checkBudget(batch: Int) throws {
        try CNNBudget(specs, input: inputShape, shapes: shapes, classes: classes, batch: batch).check()
    }
}
