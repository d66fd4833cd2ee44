use super::*;

#[test]
fn atomic_write_replaces_the_whole_file_and_leaves_no_temp() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("out.json");
    write_atomically(&path, b"first").unwrap();
    write_atomically(&path, b"second").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out.json"]);
    let err = write_atomically(dir.path(), b"x").unwrap_err();
    assert!(err.contains("cannot write"), "{err}");
}

#[test]
fn stray_temps_of_a_killed_writer_are_removed_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    std::fs::write(dir.path().join(".out.csv.4242.tmp"), "half").unwrap();
    std::fs::write(dir.path().join("other.csv"), "keep").unwrap();
    remove_stray_temps(&path);
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["other.csv"]);
}

/// Issue 12, point 18: a symlink is written through (the link stays, its target gets the
/// bytes); a FIFO or any other file that is not regular is refused, never replaced.
#[test]
fn a_symlink_is_written_through_and_a_fifo_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.csv");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    write_atomically(&link, b"new").unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    // A dangling link: its target is made.
    let dangling = dir.path().join("later.csv");
    std::os::unix::fs::symlink("made.csv", &dangling).unwrap();
    write_atomically(&dangling, b"made").unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("made.csv")).unwrap(),
        "made"
    );

    let fifo = dir.path().join("pipe.csv");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let err = write_atomically(&fifo, b"x").unwrap_err();
    assert!(err.contains("not a regular file"), "{err}");
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    // Through a link to it, the same.
    let to_fifo = dir.path().join("to-pipe.csv");
    std::os::unix::fs::symlink(&fifo, &to_fifo).unwrap();
    assert!(write_atomically(&to_fifo, b"x").is_err());
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}
