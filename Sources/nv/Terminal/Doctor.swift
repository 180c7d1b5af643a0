import Interpreter

/// `nv --doctor` and `:doctor`: what the terminal was detected to support, with a test picture
/// in each mode that works.
func doctorReport(options: SessionOptions) -> String {
    "nv doctor: terminal detection is not built yet\n"
}
