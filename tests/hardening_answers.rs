//! What a hostile or broken vendor sends (issue 12): a malformed success is never read as
//! "no result". Real binary against hostile servers of our own on loopback.

mod cli_support;
mod hostile;

use cli_support::{live, run};
use hostile::{serve, Reply};

/// A success with no `Result`, and one whose `Result` is an array of arrays.
const MALFORMED: [&str; 2] = [
    r#"{"Status":"200","Message":"查询成功","OrderNumber":"X1"}"#,
    r#"{"Status":"200","Message":"查询成功","Result":[[{"CertNo":"D1"}]]}"#,
];

/// Issue 12, point 20: exit 4 (a malformed answer), never exit 1 ("no result") or a clean
/// verdict.
#[tokio::test(flavor = "multi_thread")]
async fn a_success_without_its_result_is_malformed_not_empty() {
    for body in MALFORMED {
        let vendor = serve(Reply::Body("application/json", body.as_bytes().to_vec())).await;
        let home = tempfile::tempdir().unwrap();
        let base = format!("{}/api/yj", vendor.base);
        let (code, out, err) = run(
            &mut live(home.path(), &base, &vendor.base),
            &["building", "浙江华屹建设集团有限公司", "--provider", "qcc"],
        );
        assert_eq!(code, 4, "{body}\nstdout: {out}\nstderr: {err}");
        assert!(err.contains("Result"), "{err}");
        let (code, out, err) = run(
            &mut live(home.path(), &base, &vendor.base),
            &["vet", "浙江华屹建设集团有限公司"],
        );
        assert_ne!(code, 0, "{out}{err}");
        assert_ne!(code, 1, "{out}{err}");
        assert!(
            !out.contains("NOTHING FOUND") && !out.contains("CLEAN"),
            "{out}"
        );
    }
}
