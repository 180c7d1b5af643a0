/// How an image is resampled when it is drawn larger or smaller than its pixel size.
public enum Interpolation: Sendable {
    /// Each destination pixel takes the nearest source pixel: crisp blocks (digits, weights).
    case nearest
    /// Each destination pixel mixes the four nearest source pixels: smooth fields.
    case bilinear
}
