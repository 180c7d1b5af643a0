import Foundation
import Runtime

/// Writes a notebook's Markdown and its pictures: every file atomically, the pictures first and
/// the Markdown last, so an interrupted save leaves the old notebook readable.
public enum NotebookFiles {
    /// Writes `markdown` to `path` and each picture to its path relative to `path`'s folder.
    /// - Parameters:
    ///   - overwrite: false refuses an existing `path` (`:save` without `!`).
    ///   - what: the command named in messages (`:save`, `--export`).
    ///   - stalePrefix: with `overwrite`, PNGs in the pictures' folder whose names start with it
    ///     and that this save does not write are removed (pictures of an earlier, longer save).
    /// - Throws: `RuntimeError` naming the file and what was wrong.
    public static func write(markdown: String, pictures: [NotebookMarkdown.Picture], to path: String,
                             overwrite: Bool, what: String, stalePrefix: String? = nil) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let shownFolder = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw RuntimeError("\(what): the folder '\(VisibleText.escape(shownFolder))' does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw RuntimeError("\(what): '\(VisibleText.escape(path))' is a directory, not a file")
            }
            if !overwrite {
                throw RuntimeError("\(what): '\(VisibleText.escape(path))' already exists; :save! \(VisibleText.escape(path)) replaces it")
            }
        }
        var pictureFolders = Set<String>()
        for picture in pictures {
            let file = (folder as NSString).appendingPathComponent(picture.path)
            let pictureFolder = (file as NSString).deletingLastPathComponent
            if !pictureFolders.contains(pictureFolder) {
                try makeFolder(pictureFolder, what: what)
                pictureFolders.insert(pictureFolder)
            }
            try AtomicFile.write(picture.png, to: file, what: what)
        }
        if overwrite, let stalePrefix {
            let written = Set(pictures.map { ((folder as NSString).appendingPathComponent($0.path) as NSString).lastPathComponent })
            for pictureFolder in pictureFolders {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: pictureFolder)) ?? []
                for name in names where name.hasPrefix(stalePrefix) && name.hasSuffix(".png") && !written.contains(name) {
                    try? FileManager.default.removeItem(atPath: (pictureFolder as NSString).appendingPathComponent(name))
                }
            }
        }
        try AtomicFile.write(Array(markdown.utf8), to: path, what: what)
    }

    /// Creates `folder` (and missing parents) unless it exists as a directory.
    public static func makeFolder(_ folder: String, what: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw RuntimeError("\(what): '\(VisibleText.escape(folder))' is a file, not a folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RuntimeError("\(what): cannot create the folder '\(VisibleText.escape(folder))'")
        }
    }
}
