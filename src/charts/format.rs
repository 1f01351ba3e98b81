//! Numbers as text, the same on every machine: fixed decimals, a thousands separator and a
//! decimal mark chosen by the author, no negative zero.

/// How numbers are written in tables and on axes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    pub thousands: String,
    pub decimal: String,
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat { thousands: ",".into(), decimal: ".".into() }
    }
}

impl NumberFormat {
    /// `1234567.891` with 2 decimals → `1,234,567.89`.
    pub fn format(&self, value: f64, decimals: usize) -> String {
        let fixed = format!("{:.*}", decimals, value.abs());
        let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
        let negative = value < 0.0 && fixed.bytes().any(|b| matches!(b, b'1'..=b'9'));
        let mut out = String::with_capacity(fixed.len() + int.len() / 3 * self.thousands.len() + 1);
        if negative {
            out.push('-');
        }
        for (i, digit) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push_str(&self.thousands);
            }
            out.push(digit);
        }
        if !frac.is_empty() {
            out.push_str(&self.decimal);
            out.push_str(frac);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_and_fixed_decimals() {
        let f = NumberFormat::default();
        assert_eq!(f.format(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(f.format(999.0, 0), "999");
        assert_eq!(f.format(1000.0, 0), "1,000");
        assert_eq!(f.format(4.12, 1), "4.1");
        assert_eq!(f.format(0.5, 3), "0.500");
        assert_eq!(f.format(-12_345.5, 1), "-12,345.5");
        assert_eq!(f.format(2.0, 2), "2.00");
    }

    #[test]
    fn no_negative_zero() {
        let f = NumberFormat::default();
        assert_eq!(f.format(-0.001, 2), "0.00");
        assert_eq!(f.format(-0.0, 0), "0");
    }

    #[test]
    fn separators_are_configurable() {
        let f = NumberFormat { thousands: "\u{202f}".into(), decimal: ",".into() };
        assert_eq!(f.format(1234.5, 1), "1\u{202f}234,5");
    }
}
