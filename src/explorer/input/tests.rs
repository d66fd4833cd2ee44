use super::*;
use crossterm::event::{KeyCode, KeyEvent, KeyEventState, KeyModifiers};

fn key(kind: KeyEventKind) -> TermEvent {
    TermEvent::Key(KeyEvent {
        code: KeyCode::Char('j'),
        modifiers: KeyModifiers::NONE,
        kind,
        state: KeyEventState::NONE,
    })
}

#[test]
fn only_presses_pass_and_the_rest_map_one_to_one() {
    assert!(matches!(map(key(KeyEventKind::Press)), Some(Event::Key(_))));
    assert_eq!(map(key(KeyEventKind::Release)), None);
    assert_eq!(map(key(KeyEventKind::Repeat)), None);
    assert_eq!(map(TermEvent::FocusLost), None);
    assert_eq!(
        map(TermEvent::Paste("企查查".into())),
        Some(Event::Paste("企查查".into()))
    );
    assert_eq!(
        map(TermEvent::Resize(80, 24)),
        Some(Event::Resize {
            width: 80,
            height: 24
        })
    );
}
