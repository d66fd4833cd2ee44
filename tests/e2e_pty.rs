//! The explorer on a bare pseudo-terminal that answers nothing (issue 11, point 16): no
//! reply to the cursor-position query `ESC[6n`, as over a slow SSH link or in some pty
//! harnesses. The explorer starts anyway, draws, and quits on Ctrl-C with the terminal
//! given back.

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

#[test]
fn a_terminal_that_never_answers_the_cursor_query_still_gets_the_explorer() {
    let home = tempfile::tempdir().unwrap();
    let (mut master, slave) = pty();
    let mut child = cli_support::corpvet(home.path())
        .env("TERM", "xterm-256color")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    // Everything the explorer writes, read as it comes; nothing is ever answered.
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
    let text = || String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    // Longer than crossterm's wait for a cursor answer (2 s).
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(4) {
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "the explorer ended ({status}) instead of starting:\n{}",
                text()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        text().contains("Overview"),
        "the explorer drew:\n{}",
        text()
    );
    assert!(!text().contains("cursor position"), "{}", text());
    master.write_all(b"\x03").unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "Ctrl-C did not quit"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", text());
    // The alternate screen was left on the way out.
    assert!(
        text().contains("\u{1b}[?1049l"),
        "the terminal was given back"
    );
}
