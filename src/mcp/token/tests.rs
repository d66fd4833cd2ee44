use super::*;

fn intent(company: &str, format: ReportFormat) -> Intent {
    Intent {
        company: company.into(),
        format,
        again: false,
    }
}

#[test]
fn a_token_places_one_order_only() {
    let mut tokens = Tokens::new(DEFAULT_TTL);
    let now = Instant::now();
    let want = intent("宁波甬舟泽汇进出口有限公司", ReportFormat::Pdf);
    let token = tokens.issue(want.clone(), now);
    assert_eq!(tokens.redeem(&token, &want, now), Ok(()));
    assert_eq!(tokens.redeem(&token, &want, now), Err(Refused::Unknown));
}

#[test]
fn a_token_expires() {
    let mut tokens = Tokens::new(Duration::from_secs(60));
    let now = Instant::now();
    let want = intent("宁波甬舟泽汇进出口有限公司", ReportFormat::Pdf);
    let token = tokens.issue(want.clone(), now);
    let later = now + Duration::from_secs(60);
    assert_eq!(tokens.redeem(&token, &want, later), Err(Refused::Expired));
    // Still valid a moment before.
    let token = tokens.issue(want.clone(), now);
    assert_eq!(
        tokens.redeem(&token, &want, now + Duration::from_secs(59)),
        Ok(())
    );
}

#[test]
fn a_token_is_bound_to_its_company_format_and_intent() {
    let mut tokens = Tokens::new(DEFAULT_TTL);
    let now = Instant::now();
    let want = intent("宁波甬舟泽汇进出口有限公司", ReportFormat::Pdf);
    for other in [
        intent("厦门嘉禾海联国际物流有限公司", ReportFormat::Pdf),
        intent("宁波甬舟泽汇进出口有限公司", ReportFormat::Word),
        Intent {
            again: true,
            ..want.clone()
        },
    ] {
        let token = tokens.issue(want.clone(), now);
        let refused = tokens.redeem(&token, &other, now).unwrap_err();
        assert_eq!(
            refused,
            Refused::Mismatch {
                issued_for: want.clone()
            }
        );
        assert!(refused.message().contains("宁波甬舟泽汇进出口有限公司"));
        // The mismatched use spent it.
        assert_eq!(tokens.redeem(&token, &want, now), Err(Refused::Unknown));
    }
}

#[test]
fn tokens_are_unguessable_and_unknown_ones_refused() {
    let mut tokens = Tokens::new(DEFAULT_TTL);
    let now = Instant::now();
    let want = intent("宁波甬舟泽汇进出口有限公司", ReportFormat::Pdf);
    let a = tokens.issue(want.clone(), now);
    let b = tokens.issue(want.clone(), now);
    assert_ne!(a, b);
    // "cv-" and 128 bits in hex.
    assert_eq!(a.len(), 3 + 32);
    assert_eq!(
        tokens.redeem("cv-00000000000000000000000000000000", &want, now),
        Err(Refused::Unknown)
    );
    assert_eq!(tokens.redeem("", &want, now), Err(Refused::Unknown));
    // The two real ones still work, each once.
    assert_eq!(tokens.redeem(&b, &want, now), Ok(()));
    assert_eq!(tokens.redeem(&a, &want, now), Ok(()));
}

#[test]
fn expired_tokens_are_forgotten_when_a_new_one_is_issued() {
    let mut tokens = Tokens::new(Duration::from_secs(1));
    let now = Instant::now();
    let want = intent("宁波甬舟泽汇进出口有限公司", ReportFormat::Pdf);
    for _ in 0..10 {
        tokens.issue(want.clone(), now);
    }
    tokens.issue(want, now + Duration::from_secs(2));
    assert_eq!(tokens.issued.len(), 1);
}
