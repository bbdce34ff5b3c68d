//! The compare panel as HTML: the spec against a pinned baseline (cost, deployment time,
//! capacity and RTO per service), from the core's `diff`, as `akplan diff` reports it.

use akplan_core::present::{duration, usd};
use akplan_core::{Analysis, ServiceChange, diff};

/// `text` escaped for HTML: service names come from the spec.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn signed(x: f64) -> String {
    if x < 0.0 {
        format!("−{}", usd(-x))
    } else {
        format!("+{}", usd(x))
    }
}

fn change<T: PartialEq + Copy>(
    base: Option<T>,
    head: Option<T>,
    show: impl Fn(T) -> String,
) -> String {
    match (base, head) {
        (Some(b), Some(h)) if b == h => show(h),
        (Some(b), Some(h)) => format!("{} → {}", show(b), show(h)),
        (None, Some(h)) => format!("new: {}", show(h)),
        (Some(b), None) => format!("{} → —", show(b)),
        (None, None) => "—".to_owned(),
    }
}

/// The summary line and the table of changed services.
#[must_use]
pub fn html(base: &Analysis, head: &Analysis) -> String {
    let d = diff(Some(base), Some(head));
    let summary = match d.total.monthly_usd_delta {
        _ if d.is_empty() => "No change from the baseline.".to_owned(),
        Some(t) => format!(
            "Against the baseline: {} a month on x86_64, {} on arm64.",
            signed(t.x86_64),
            signed(t.arm64)
        ),
        None => {
            "Against the baseline: the cost is not planned while the spec has errors.".to_owned()
        }
    };
    let mut h = format!(
        "<p id=\"compare-summary\" class=\"summary\" role=\"status\" aria-live=\"polite\">{}</p>\
         <table class=\"numbers\" id=\"compare\" tabindex=\"0\"><caption>Changes against the baseline</caption>\
         <thead><tr><th scope=\"col\">service</th><th scope=\"col\">change</th><th scope=\"col\">tasks</th>\
         <th scope=\"col\">deployment</th><th scope=\"col\">RTO</th><th scope=\"col\">cost / month</th></tr></thead><tbody>",
        esc(&summary)
    );
    for s in d
        .services
        .iter()
        .filter(|s| s.change != ServiceChange::Same)
    {
        let delta = s.chosen_monthly_usd_delta;
        let class = match delta {
            Some(x) if x > 0.004 => "up",
            Some(x) if x < -0.004 => "down",
            _ => "",
        };
        h.push_str(&format!(
            "<tr class=\"{class}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.name),
            format!("{:?}", s.change).to_lowercase(),
            change(s.capacity_target.base, s.capacity_target.head, |n| n.to_string()),
            esc(&change(s.deployment_seconds.base, s.deployment_seconds.head, duration)),
            esc(&change(s.rto_seconds.base, s.rto_seconds.head, duration)),
            esc(&delta.map_or_else(|| "not planned".to_owned(), signed)),
        ));
    }
    h.push_str("</tbody></table>");
    // Where each side's prices come from, as `akplan diff` says it.
    let p = &d.total.prices;
    let prices = match (&p.base, &p.head) {
        (Some(b), Some(h)) if b != h => Some(format!(
            "Prices: the baseline's from {b}, this spec's from {h}: part of the change may be the prices'."
        )),
        (_, Some(h)) => Some(format!("Prices: {h}.")),
        (Some(b), None) => Some(format!("Prices: {b}.")),
        (None, None) => None,
    };
    if let Some(text) = prices {
        h.push_str(&format!(
            "<p id=\"compare-prices\" class=\"note\">{}</p>",
            esc(&text)
        ));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use akplan_core::{Assumptions, EXAMPLES, Format};

    #[test]
    fn a_changed_count_shows_with_escaped_names() {
        let analyze = |t: &str| akplan_core::analyze(t, Format::Yaml, Assumptions::default());
        let base = EXAMPLES[0].1;
        let head = base.replace("base_count: 3", "base_count: 5");
        let out = html(&analyze(base), &analyze(&head));
        assert!(out.contains("Against the baseline: +"), "{out}");
        assert!(out.contains("<tr class=\"up\">"), "{out}");
        assert!(
            out.contains(
                "<p id=\"compare-prices\" class=\"note\">Prices: akplan&#39;s price table"
            ),
            "{out}"
        );
        assert_eq!(esc("<a&'\">"), "&lt;a&amp;&#39;&quot;&gt;");
    }
}
