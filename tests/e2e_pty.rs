//! The explorer on a bare pseudo-terminal that answers nothing and sends raw bytes: no reply
//! to the cursor-position query `ESC[6n` (issue 11, point 16), as over a slow SSH link or in
//! some pty harnesses, and bracketed pastes that never end (issue 12, point 15). The
//! explorer starts anyway, draws, and quits on Ctrl-C with the terminal given back.

mod cli_support;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A pty pair 80×24: (master, slave).
fn pty() -> (File, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty fills two new descriptors, owned below.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors are new and owned once.
    unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// The real binary on a pty of its own, everything it writes collected as it comes.
struct Explorer {
    _home: tempfile::TempDir,
    master: File,
    child: std::process::Child,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl Explorer {
    fn start() -> Explorer {
        let home = tempfile::tempdir().unwrap();
        let (master, slave) = pty();
        let child = cli_support::corpvet(home.path())
            .env("TERM", "xterm-256color")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave))
            .spawn()
            .unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().unwrap();
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Explorer {
            _home: home,
            master,
            child,
            seen,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
    }

    /// What it wrote with the control sequences taken out (ratatui moves the cursor
    /// between wide characters).
    fn plain_text(&self) -> String {
        let mut plain = String::new();
        let text = self.text();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\u{1b}' {
                plain.push(c);
                continue;
            }
            if chars.next_if_eq(&'[').is_some() {
                while chars.next().is_some_and(|c| !c.is_ascii_alphabetic()) {}
            }
        }
        plain
    }

    fn send(&mut self, bytes: &[u8]) {
        self.master.write_all(bytes).unwrap();
    }

    fn wait_for(&self, what: &str) {
        let started = Instant::now();
        while !self.text().contains(what) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no {what:?} in:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ctrl-C ends it within a few seconds, exit 0, the alternate screen left.
    fn quit_with_ctrl_c(mut self) {
        self.send(b"\x03");
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(10) {
                let _ = self.child.kill();
                panic!("Ctrl-C did not quit:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(status.code(), Some(0), "{}", self.text());
        assert!(
            self.text().contains("\u{1b}[?1049l"),
            "the terminal was given back"
        );
    }
}

#[test]
fn a_terminal_that_never_answers_the_cursor_query_still_gets_the_explorer() {
    let mut explorer = Explorer::start();
    // Longer than crossterm's wait for a cursor answer (2 s).
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(4) {
        if let Some(status) = explorer.child.try_wait().unwrap() {
            panic!(
                "the explorer ended ({status}) instead of starting:\n{}",
                explorer.text()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        explorer.text().contains("Overview"),
        "the explorer drew:\n{}",
        explorer.text()
    );
    assert!(
        !explorer.text().contains("cursor position"),
        "{}",
        explorer.text()
    );
    explorer.quit_with_ctrl_c();
}

/// Issue 12, point 15: a paste whose end marker never comes swallowed every later key,
/// Ctrl-C included (crossterm waits for `ESC[201~` for ever).
#[test]
fn ctrl_c_gets_through_an_unterminated_paste() {
    let mut explorer = Explorer::start();
    explorer.wait_for("Overview");
    explorer.send(b"\x1b[200~abc");
    explorer.quit_with_ctrl_c();
}

/// Issue 12, point 15: a paste that goes quiet without its end marker is over; it lands
/// in the search bar and the keys typed after it are keys again.
#[test]
fn keys_typed_after_an_unterminated_paste_are_keys() {
    let mut explorer = Explorer::start();
    explorer.wait_for("Overview");
    explorer.send("\x1b[200~浙江华屹".as_bytes());
    std::thread::sleep(Duration::from_millis(1500));
    explorer.send(b"xyz");
    explorer.wait_for("xyz");
    assert!(
        explorer.plain_text().contains("浙江华屹"),
        "{}",
        explorer.text()
    );
    explorer.quit_with_ctrl_c();
}
