use super::*;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

fn events(chunks: &[&[u8]]) -> Vec<Event> {
    let mut parser = Parser::default();
    let now = Instant::now();
    let mut out = Vec::new();
    for chunk in chunks {
        parser.feed(chunk, now, &mut out);
    }
    parser.expire(now + PASTE_LONGEST, &mut out);
    out
}

fn k(code: KeyCode) -> Event {
    key(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> Event {
    key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn paste(text: &str) -> Event {
    Event::Paste(text.into())
}

#[test]
fn keys_decode_as_crossterm_decodes_them() {
    let cases: &[(&[u8], Event)] = &[
        (b"j", k(KeyCode::Char('j'))),
        (b"E", key(KeyCode::Char('E'), KeyModifiers::SHIFT)),
        ("企".as_bytes(), k(KeyCode::Char('企'))),
        (b"\r", k(KeyCode::Enter)),
        (b"\t", k(KeyCode::Tab)),
        (b"\x7f", k(KeyCode::Backspace)),
        (b"\x03", ctrl('c')),
        (b"\x0a", ctrl('j')),
        (b"\x00", ctrl(' ')),
        (b"\x1b[A", k(KeyCode::Up)),
        (b"\x1bOB", k(KeyCode::Down)),
        (b"\x1b[1;5C", key(KeyCode::Right, KeyModifiers::CONTROL)),
        (b"\x1b[1;2D", key(KeyCode::Left, KeyModifiers::SHIFT)),
        (b"\x1b[H", k(KeyCode::Home)),
        (b"\x1b[4~", k(KeyCode::End)),
        (b"\x1b[5~", k(KeyCode::PageUp)),
        (b"\x1b[6;3~", key(KeyCode::PageDown, KeyModifiers::ALT)),
        (b"\x1b[3~", k(KeyCode::Delete)),
        (b"\x1b[Z", key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        (b"\x1bOP", k(KeyCode::F(1))),
        (b"\x1b[15~", k(KeyCode::F(5))),
        (b"\x1b[24~", k(KeyCode::F(12))),
        (b"\x1bx", key(KeyCode::Char('x'), KeyModifiers::ALT)),
        (b"\x1b[I", Event::FocusGained),
    ];
    for (bytes, want) in cases {
        assert_eq!(events(&[bytes]), vec![want.clone()], "{bytes:?}");
    }
}

#[test]
fn mouse_reports_decode_in_both_encodings() {
    let at = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    assert_eq!(
        events(&[b"\x1b[<0;10;5M", b"\x1b[<0;10;5m", b"\x1b[<65;1;1M"]),
        vec![
            at(MouseEventKind::Down(MouseButton::Left), 9, 4),
            at(MouseEventKind::Up(MouseButton::Left), 9, 4),
            at(MouseEventKind::ScrollDown, 0, 0),
        ]
    );
    assert_eq!(
        events(&[b"\x1b[M`!!"]),
        vec![at(MouseEventKind::ScrollUp, 0, 0)]
    );
}

#[test]
fn a_sequence_split_over_reads_is_one_key_and_a_lone_esc_is_esc() {
    assert_eq!(
        events(&[b"\x1b", b"[", b"1;5", b"A"]),
        vec![key(KeyCode::Up, KeyModifiers::CONTROL)]
    );
    let split = "企".as_bytes();
    assert_eq!(
        events(&[&split[..1], &split[1..]]),
        vec![k(KeyCode::Char('企'))]
    );
    assert_eq!(events(&[b"\x1b"]), vec![k(KeyCode::Esc)]);
    assert_eq!(
        events(&[b"\x1b\x1b[B"]),
        vec![k(KeyCode::Esc), k(KeyCode::Down)]
    );
}

#[test]
fn esc_waits_briefly_for_the_rest_of_a_sequence() {
    let mut parser = Parser::default();
    let now = Instant::now();
    let mut out = Vec::new();
    parser.feed(b"\x1b", now, &mut out);
    assert_eq!(parser.deadline(), Some(now + ESC_WAIT));
    parser.expire(now + ESC_WAIT / 2, &mut out);
    assert!(out.is_empty(), "{out:?}");
    parser.expire(now + ESC_WAIT, &mut out);
    assert_eq!(out, vec![k(KeyCode::Esc)]);
    assert_eq!(parser.deadline(), None);
}

#[test]
fn noise_is_dropped_and_the_keys_after_it_still_arrive() {
    // A cursor-position answer, a private answer, a sequence broken by a control byte,
    // bytes that start no character.
    assert_eq!(
        events(&[b"\x1b[12;40R\x1b[?1u\x1b[1\x03\xff\x80q"]),
        vec![ctrl('c'), k(KeyCode::Char('q'))]
    );
    let long = [b"\x1b[".as_slice(), &[b'1'; 100]].concat();
    assert_eq!(
        events(&[&long, b"q"]),
        vec![k(KeyCode::Char('q'))],
        "an endless sequence is noise"
    );
}

#[test]
fn a_bracketed_paste_arrives_whole_with_what_it_holds() {
    assert_eq!(
        events(&[b"a\x1b[200~\xe6\xb5\x99\xe6\xb1\x9f\r\x1b[A\x1b[201~b"]),
        vec![
            k(KeyCode::Char('a')),
            paste("浙江\r\x1b[A"),
            k(KeyCode::Char('b'))
        ]
    );
    // Markers split over reads, and two pastes in one read.
    assert_eq!(
        events(&[b"\x1b[20", b"0~x\x1b[2", b"01~\x1b[200~y\x1b[201~"]),
        vec![paste("x"), paste("y")]
    );
}

/// Issue 12, point 15: an unterminated paste swallowed every later key, Ctrl-C included.
#[test]
fn an_unterminated_paste_ends_at_ctrl_c_and_the_keys_after_it_are_keys() {
    assert_eq!(
        events(&[b"\x1b[200~abc", b"\x03q"]),
        vec![paste("abc"), ctrl('c'), k(KeyCode::Char('q'))]
    );
}

#[test]
fn an_unterminated_paste_ends_when_it_goes_quiet_or_lasts_too_long() {
    let mut parser = Parser::default();
    let start = Instant::now();
    let mut out = Vec::new();
    parser.feed(b"\x1b[200~abc", start, &mut out);
    assert_eq!(parser.deadline(), Some(start + PASTE_IDLE));
    parser.expire(start + PASTE_IDLE, &mut out);
    assert_eq!(out, vec![paste("abc")]);
    out.clear();
    parser.feed(b"q", start + PASTE_IDLE, &mut out);
    assert_eq!(out, vec![k(KeyCode::Char('q'))], "keys again");

    // A paste that trickles a byte at a time never goes quiet: it ends anyway.
    let mut parser = Parser::default();
    let mut out = Vec::new();
    parser.feed(b"\x1b[200~", start, &mut out);
    let mut at = start;
    while out.is_empty() {
        at += PASTE_IDLE / 2;
        parser.feed(b"x", at, &mut out);
        parser.expire(at, &mut out);
        assert!(at <= start + PASTE_LONGEST + PASTE_IDLE, "never ended");
    }
    assert!(at >= start + PASTE_LONGEST, "{:?}", at - start);
}

#[test]
fn a_paste_keeps_at_most_its_bound() {
    let mut parser = Parser::default();
    let now = Instant::now();
    let mut out = Vec::new();
    parser.feed(b"\x1b[200~", now, &mut out);
    let chunk = vec![b'x'; 64 * 1024];
    for _ in 0..(3 * PASTE_MAX / chunk.len()) {
        parser.feed(&chunk, now, &mut out);
    }
    parser.feed(b"\x1b[201~q", now, &mut out);
    let [Event::Paste(text), q] = &out[..] else {
        panic!("{} events", out.len())
    };
    assert_eq!(text.len(), PASTE_MAX);
    assert_eq!(*q, k(KeyCode::Char('q')));
}
