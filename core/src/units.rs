//! CPU and memory as people write them (`1024`, `"1 vCPU"`, `"2 GB"`) turned into ECS units.

/// Parses CPU: an integer of CPU units, or a number of vCPU (`"0.25 vCPU"`, `"2vcpu"`).
///
/// # Errors
/// Why the text is not a whole number of CPU units.
pub fn parse_cpu(text: &str) -> Result<u32, String> {
    let (number, unit) = split_number(text)?;
    let units = match unit.to_ascii_lowercase().as_str() {
        "" | "units" | "cpu units" => number,
        "vcpu" | "vcpus" | "cpu" | "cpus" => number * 1024.0,
        other => {
            return Err(format!(
                "unknown CPU unit `{other}` (use `vCPU` or CPU units)"
            ));
        }
    };
    whole(units, "CPU units")
}

/// Parses memory: an integer of MiB, or a number with `MiB`, `MB`, `GiB` or `GB`.
///
/// As in AWS's Fargate tables, `GB` means 1024 MiB and `MB` means 1 MiB.
///
/// # Errors
/// Why the text is not a whole number of MiB.
pub fn parse_memory(text: &str) -> Result<u32, String> {
    let (number, unit) = split_number(text)?;
    let mib = match unit.to_ascii_lowercase().as_str() {
        "" | "mib" | "mb" | "m" => number,
        "gib" | "gb" | "g" => number * 1024.0,
        other => return Err(format!("unknown memory unit `{other}` (use MiB or GB)")),
    };
    whole(mib, "MiB")
}

fn split_number(text: &str) -> Result<(f64, &str), String> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(end);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` does not start with a number"))?;
    Ok((number, unit.trim()))
}

fn whole(value: f64, unit: &str) -> Result<u32, String> {
    if value.fract() != 0.0 || value <= 0.0 || value > f64::from(u32::MAX) {
        return Err(format!(
            "comes to {value} {unit}, not a positive whole number"
        ));
    }
    // The checks above make this cast exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(value as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_in_units_and_vcpu() {
        assert_eq!(parse_cpu("1024"), Ok(1024));
        assert_eq!(parse_cpu("1 vCPU"), Ok(1024));
        assert_eq!(parse_cpu("0.25 vCPU"), Ok(256));
        assert_eq!(parse_cpu("16vcpu"), Ok(16384));
        assert!(parse_cpu("0.1 vCPU").is_err());
        assert!(parse_cpu("1 parsec").is_err());
        assert!(parse_cpu("vCPU").is_err());
    }

    #[test]
    fn memory_in_mib_and_gb() {
        assert_eq!(parse_memory("2048"), Ok(2048));
        assert_eq!(parse_memory("2 GB"), Ok(2048));
        assert_eq!(parse_memory("0.5 GB"), Ok(512));
        assert_eq!(parse_memory("512 MiB"), Ok(512));
        assert_eq!(parse_memory("30GiB"), Ok(30720));
        assert!(parse_memory("-1 GB").is_err());
        assert!(parse_memory("2 TB").is_err());
    }
}
