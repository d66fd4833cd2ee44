//! The vetting memo through the real binary against the embedded sandbox: the Markdown
//! pinned by snapshot (red and clean companies), and the HTML printed to PDF by a real
//! headless Chromium and read back with pdftotext.

mod cli_support;

use std::path::Path;
use std::process::Command;

use cli_support::{corpvet, run};

const RED: &str = "宁波甬舟泽汇进出口有限公司";
const CLEAN: &str = "厦门嘉禾海联国际物流有限公司";
/// The sandbox data's "today": expiry judged on a fixed day.
const DAY: &str = "2026-11-24";

/// Vet `company` on the embedded sandbox, writing the memo to `file` in `home`.
fn vet_with_dossier(home: &Path, company: &str, file: &str) -> (i32, String) {
    let path = home.join(file);
    let (code, _, err) = run(
        corpvet(home).env("CORPVET_USER", "ana"),
        &[
            "vet",
            company,
            "--today",
            DAY,
            "--dossier",
            path.to_str().unwrap(),
        ],
    );
    assert!(err.contains("dossier written"), "{err}");
    (code, std::fs::read_to_string(path).unwrap())
}

/// `YYYY-MM-DD HH:MM` times and the vendor's order numbers vary from run to run.
fn redact(text: &str) -> String {
    let shape = |w: &str, pattern: &str| {
        w.len() == pattern.len()
            && w.bytes().zip(pattern.bytes()).all(|(c, p)| {
                if p == b'9' {
                    c.is_ascii_digit()
                } else {
                    c == p
                }
            })
    };
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let len = rest.chars().next().map_or(1, char::len_utf8);
        if rest.len() >= 16 && rest.is_char_boundary(16) && shape(&rest[..16], "9999-99-99 99:99") {
            out.push_str("[time]");
            rest = &rest[16..];
            continue;
        }
        let letters = rest.chars().take_while(char::is_ascii_uppercase).count();
        let digits = rest[letters..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        if letters > 3 && digits >= 20 {
            out.push_str("[order number]");
            rest = &rest[letters + digits..];
            continue;
        }
        out.push_str(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

#[test]
fn the_markdown_memo_of_a_red_and_a_clean_company() {
    let home = tempfile::tempdir().unwrap();
    let (code, red) = vet_with_dossier(home.path(), RED, "red.md");
    assert_eq!(code, 6);
    for needed in [
        "RED FLAGS",
        "存在重大风险",
        "甬关缉私字〔2025〕0902号",
        "SANDBOX",
        "vendor order numbers",
        "NOT CHECKED",
        "by ana",
    ] {
        assert!(red.contains(needed), "{needed}:\n{red}");
    }
    insta::assert_snapshot!("dossier_red_md", redact(&red));
    let (code, clean) = vet_with_dossier(home.path(), CLEAN, "clean.md");
    assert_eq!(code, 0);
    assert!(clean.contains("CLEAN"), "{clean}");
    insta::assert_snapshot!("dossier_clean_md", redact(&clean));
}

#[test]
fn a_dossier_that_cannot_be_written_as_asked_sends_nothing() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("memo.pdf");
    let (code, _, err) = run(
        &mut corpvet(home.path()),
        &["vet", RED, "--dossier", path.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".md (Markdown) or .html"), "{err}");
    assert!(!path.exists());
}

/// Chromium and poppler-utils, or `None` (said loudly) outside CI; in CI they must exist.
fn print_tools() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let poppler = Command::new("pdftotext").arg("-v").output().is_ok();
    match (found, poppler) {
        (Some(b), true) => Some(b),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "headless Chromium and pdftotext are needed (scripts/test installs them)"
            );
            eprintln!("SKIPPED: no Chromium or pdftotext (run the suite with scripts/test)");
            None
        }
    }
}

fn pdftotext(pdf: &Path, page: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &page.to_string(), "-l", &page.to_string(), "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo names the page count")
}

#[test]
fn the_html_memo_prints_to_pdf_with_its_evidence_and_the_watermark_on_every_page() {
    let Some(chromium) = print_tools() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    // Many certificates: a memo of several pages.
    for (company, verdict, evidence) in [
        (RED, "RED FLAGS", "甬关缉私字〔2025〕0902号"),
        ("深圳市鹏科智联电子股份有限公司", "Verdict", "Certificates"),
    ] {
        let (_, html) = vet_with_dossier(home.path(), company, "memo.html");
        assert!(!html.contains("<script"), "no scripts");
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "nothing external"
        );
        let pdf = home.path().join("memo.pdf");
        let _ = std::fs::remove_file(&pdf);
        let status = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                "--timeout=20000",
            ])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!(
                "file://{}",
                home.path().join("memo.html").display()
            ))
            .output()
            .unwrap();
        assert!(pdf.exists(), "{}", String::from_utf8_lossy(&status.stderr));
        let n = pages(&pdf);
        let all: String = (1..=n).map(|p| pdftotext(&pdf, p)).collect();
        assert!(all.contains(verdict), "{all}");
        assert!(all.contains(evidence), "{all}");
        for p in 1..=n {
            let text = pdftotext(&pdf, p);
            assert!(
                text.contains("SANDBOX: made-up data"),
                "page {p} of {n}:\n{text}"
            );
            let body = text
                .lines()
                .filter(|l| !l.contains("SANDBOX") && !l.trim().is_empty())
                .count();
            assert!(
                body > 3,
                "page {p} of {n} is blank but for the watermark:\n{text}"
            );
        }
    }
}

/// The company as the vendors matched it: the credit code a certificate's holder record
/// gives, once details were fetched; as searched when the keyword is the code.
#[test]
fn the_memo_names_the_credit_code_where_an_answer_gives_it() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("m.md");
    let (code, _, err) = run(
        &mut corpvet(home.path()),
        &[
            "vet",
            "深圳市鹏科智联电子股份有限公司",
            "--details",
            "--yes",
            "--dossier",
            path.to_str().unwrap(),
        ],
    );
    assert!(code <= 6, "{err}");
    let memo = std::fs::read_to_string(&path).unwrap();
    assert!(
        memo.contains("91440300033424790Y (as a certificate's holder record gives it)"),
        "{memo}"
    );
    let (_, memo) = vet_with_dossier(home.path(), "91440300033424790Y", "code.md");
    assert!(memo.contains("91440300033424790Y (as searched)"), "{memo}");
}
