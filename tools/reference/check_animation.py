#!/usr/bin/env python3
"""Decode an animated GIF or APNG written by nv with Pillow, an independent decoder.

Prints the format, the frame count, the size, the loop count and the frame delays, and checks
what was asked:
  --frames N        the file holds exactly N frames
  --size WxH        every frame is W x H
  --expect DIR      frame k equals DIR's k-th PNG (sorted by name, e.g. nv's --frames output)
                    within --tolerance per channel (GIF palettes are approximate; APNG is exact)
  --dump DIR        writes each decoded frame as DIR/decoded-00001.png ... to look at
Exits 1 when a check fails. Pillow is used only to check nv, never as its dependency:
  /work/venv-ref/bin/python tools/reference/check_animation.py run.gif --frames 4 --size 800x480
"""
import argparse
import os
import sys

from PIL import Image, ImageChops, ImageSequence


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--frames", type=int)
    parser.add_argument("--size")
    parser.add_argument("--expect")
    parser.add_argument("--tolerance", type=int, default=0)
    parser.add_argument("--dump")
    args = parser.parse_args()

    image = Image.open(args.file)
    image.load()
    frames, delays = [], []
    for frame in ImageSequence.Iterator(image):
        frames.append(frame.convert("RGB"))
        delays.append(frame.info.get("duration"))
    loop = image.info.get("loop")
    print(f"{args.file}: {image.format}, {len(frames)} frames "
          f"(n_frames {getattr(image, 'n_frames', 1)}), {image.size[0]}x{image.size[1]}, loop {loop}, "
          f"{os.path.getsize(args.file)} bytes")
    shown = delays if len(delays) <= 12 else delays[:6] + ["..."] + delays[-5:]
    print(f"delays (ms): {shown}; total {sum(d or 0 for d in delays) / 1000:.2f} s")

    failures = []
    if args.frames is not None and len(frames) != args.frames:
        failures.append(f"expected {args.frames} frames, decoded {len(frames)}")
    if args.size:
        width, height = (int(v) for v in args.size.lower().split("x"))
        wrong = [k for k, f in enumerate(frames) if f.size != (width, height)]
        if wrong:
            failures.append(f"frames {wrong[:5]} are not {width}x{height}")
    if args.expect:
        names = sorted(n for n in os.listdir(args.expect) if n.endswith(".png"))
        if len(names) != len(frames):
            failures.append(f"{args.expect} holds {len(names)} PNGs, the animation {len(frames)} frames")
        worst = 0
        for k, (name, frame) in enumerate(zip(names, frames)):
            expected = Image.open(os.path.join(args.expect, name)).convert("RGB")
            if expected.size != frame.size:
                failures.append(f"frame {k + 1}: {frame.size} against {name} {expected.size}")
                continue
            extrema = ImageChops.difference(expected, frame).getextrema()
            error = max(high for _, high in extrema)
            worst = max(worst, error)
            if error > args.tolerance:
                failures.append(f"frame {k + 1} differs from {name} by {error} (> {args.tolerance})")
        print(f"largest difference from {args.expect}: {worst} per channel")
    if args.dump:
        os.makedirs(args.dump, exist_ok=True)
        for k, frame in enumerate(frames):
            frame.save(os.path.join(args.dump, f"decoded-{k + 1:05d}.png"))
        print(f"wrote {len(frames)} decoded frames to {args.dump}")

    for failure in failures[:20]:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
