use super::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn default_schedule_grows_by_the_factor_and_caps_at_ten_seconds() {
    let p = PollPolicy::default();
    let schedule: Vec<u128> = (1..=8).map(|n| p.delay_for(n).as_millis()).collect();
    assert_eq!(
        schedule,
        [1000, 1600, 2560, 4096, 6553, 10000, 10000, 10000]
    );
    assert_eq!(p.delay_for(0), p.delay_for(1));
    assert_eq!(p.delay_for(u32::MAX), Duration::from_secs(10));
}

#[test]
fn odd_policies_never_shrink_or_overflow() {
    let flat = PollPolicy {
        first_delay: ms(50),
        factor: 0.5,
        max_delay: ms(500),
        overall_timeout: ms(1000),
    };
    assert_eq!(flat.delay_for(7), ms(50));
    let nan = PollPolicy {
        factor: f64::NAN,
        ..flat
    };
    assert_eq!(nan.delay_for(3), ms(50));
    let huge = PollPolicy {
        factor: 1e300,
        ..flat
    };
    assert_eq!(huge.delay_for(900), ms(500));
    let low_cap = PollPolicy {
        max_delay: ms(10),
        ..flat
    };
    assert_eq!(low_cap.delay_for(1), ms(10));
}

#[test]
fn durations_read_as_minutes_and_seconds() {
    assert_eq!(human_duration(Duration::from_secs(42)), "42s");
    assert_eq!(human_duration(Duration::from_secs(185)), "3m 05s");
}

#[test]
fn the_timeout_names_the_order_and_the_resume_command() {
    let r = timed_out(
        "R2024001",
        9,
        Duration::from_secs(600),
        Some("timed out: x".into()),
    );
    let r = r.report();
    assert!(r.message.contains("R2024001") && r.message.contains("10m 00s"));
    assert!(r.message.contains("last check: timed out"));
    let advice = r.advice.unwrap_or_default();
    assert!(advice.contains("corpvet report-status R2024001"));
    assert!(r.retryable);
}
