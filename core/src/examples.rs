//! The bundled example specs (`examples/`), for benchmarks, tests and the web page's presets.

/// Name and text of every bundled example, smallest first.
pub const EXAMPLES: [(&str, &str); 5] = [
    ("minimal", include_str!("../../examples/minimal.yaml")),
    (
        "agent-kernel",
        include_str!("../../examples/agent-kernel.yaml"),
    ),
    ("llm-proxy", include_str!("../../examples/llm-proxy.yaml")),
    ("releases", include_str!("../../examples/releases.yaml")),
    ("fleet", include_str!("../../examples/fleet.yaml")),
];
