import ArgumentParser
import Plots

/// Lets `--graphics kitty` parse straight into the shared `GraphicsMode`; the accepted words
/// and the help text's list come from the enum's raw values.
extension GraphicsMode: ExpressibleByArgument {}
