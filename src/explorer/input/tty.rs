//! The thread that reads the terminal: bytes from the tty, decoded by [`Parser`], passed on
//! as the app's events. Our own reader rather than crossterm's, so a paste is bounded (see
//! `parse`). It waits in `poll` on the tty and on a wake pipe, so dropping the [`Reader`]
//! ends the thread at once and no byte typed after the explorer is read by it.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::thread::JoinHandle;
use std::time::Instant;

use tokio::sync::mpsc::UnboundedSender;

use super::parse::Parser;
use crate::app::event::Event;

/// Reads the terminal until dropped, or until the receiver is gone or reading fails (the
/// error is passed on first).
#[derive(Debug)]
pub struct Reader {
    wake: File,
    thread: Option<JoinHandle<()>>,
}

impl Reader {
    pub fn spawn(tx: UnboundedSender<io::Result<Event>>) -> io::Result<Reader> {
        // The terminal crossterm put in raw mode: stdin when it is one, else /dev/tty.
        let tty = if io::stdin().is_terminal() {
            File::from(io::stdin().as_fd().try_clone_to_owned()?)
        } else {
            File::open("/dev/tty")?
        };
        let (woken, wake) = pipe()?;
        let thread = std::thread::Builder::new()
            .name("terminal-input".into())
            .spawn(move || read_loop(tty, woken, &tx))?;
        Ok(Reader {
            wake,
            thread: Some(thread),
        })
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        let _ = self.wake.write_all(b"x");
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn read_loop(mut tty: File, wake: File, tx: &UnboundedSender<io::Result<Event>>) {
    let mut parser = Parser::default();
    let mut events = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let timeout = parser.deadline().map_or(-1, |due| {
            let left = due.saturating_duration_since(Instant::now());
            // Rounded up, so the wait never ends just before the deadline.
            i32::try_from(left.as_millis() + 1).unwrap_or(i32::MAX)
        });
        let mut fds = [
            libc::pollfd {
                fd: tty.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: wake.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: two valid pollfd entries that live for the call.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, timeout) };
        if ready < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            let _ = tx.send(Err(e));
            return;
        }
        if fds[1].revents != 0 {
            return;
        }
        if fds[0].revents != 0 {
            match tty.read(&mut buf) {
                Ok(0) => {
                    let _ = tx.send(Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the terminal closed",
                    )));
                    return;
                }
                Ok(n) => parser.feed(&buf[..n], Instant::now(), &mut events),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        }
        parser.expire(Instant::now(), &mut events);
        for event in events.drain(..) {
            if let Some(event) = super::map(event) {
                if tx.send(Ok(event)).is_err() {
                    return;
                }
            }
        }
        if tx.is_closed() {
            return;
        }
    }
}

/// A pipe: (read end, write end), both closed on exec.
fn pipe() -> io::Result<(File, File)> {
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills two new descriptors, owned below.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both descriptors are new and owned once.
    unsafe {
        Ok((
            File::from(OwnedFd::from_raw_fd(fds[0])),
            File::from(OwnedFd::from_raw_fd(fds[1])),
        ))
    }
}
