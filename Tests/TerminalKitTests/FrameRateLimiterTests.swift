import Testing
@testable import TerminalKit

@Suite struct FrameRateLimiterTests {
    @Test func capsTheFrameRate() {
        var limiter = FrameRateLimiter(maxFramesPerSecond: 30)
        var drawn = 0
        // Offers every millisecond for one second; each frame writes instantly.
        for step in 0..<1000 {
            let now = Double(step) / 1000
            if limiter.allows(at: now, force: false) {
                limiter.recordFrame(start: now, end: now)
                drawn += 1
            }
        }
        #expect(drawn >= 29 && drawn <= 30)
    }

    @Test func aSlowTerminalSlowsTheFrames() {
        var limiter = FrameRateLimiter(maxFramesPerSecond: 30)
        limiter.recordFrame(start: 0, end: 0.2)  // the write took 200 ms
        #expect(!limiter.allows(at: 0.3, force: false))
        #expect(limiter.allows(at: 0.4, force: false))
    }

    @Test func forcedFramesAreAlwaysDrawn() {
        var limiter = FrameRateLimiter(maxFramesPerSecond: 30)
        limiter.recordFrame(start: 0, end: 0)
        #expect(!limiter.allows(at: 0.001, force: false))
        #expect(limiter.allows(at: 0.001, force: true))
        limiter.reset()
        #expect(limiter.allows(at: 0.001, force: false))
    }
}
