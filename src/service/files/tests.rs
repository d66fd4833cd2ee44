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
