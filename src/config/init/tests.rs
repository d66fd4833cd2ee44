use super::*;

struct Script(Vec<&'static str>);

impl Prompt for Script {
    fn ask(&mut self, _: &str) -> Result<String, String> {
        Ok(self.0.remove(0).to_string())
    }
    fn ask_secret(&mut self, q: &str) -> Result<String, String> {
        self.ask(q)
    }
    fn confirm(&mut self, q: &str) -> Result<bool, String> {
        Ok(self.ask(q)? == "y")
    }
}

#[test]
fn init_writes_0600_and_keeps_an_existing_file_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("config.toml");
    let out = init(
        &path,
        None,
        &mut Script(vec!["k1234", "s5678", "", "juhe", ""]),
    )
    .unwrap();
    assert_eq!(
        out,
        InitOutcome::Written {
            path: path.clone(),
            backup: None
        }
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("k1234") && text.contains("default_provider = \"juhe\""));
    assert!(
        !text.contains("timeout_secs"),
        "defaults are not written: {text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let out = init(&path, None, &mut Script(vec!["n"])).unwrap();
    assert!(matches!(out, InitOutcome::Kept { .. }));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
