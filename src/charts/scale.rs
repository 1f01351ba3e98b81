//! Value axes: "nice" ticks in steps of 1, 2 or 5 times a power of ten, so every tick label is a
//! round number and the axis starts and ends on a tick.

/// A value axis from `min` to `max` with a tick every `step`.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Digits after the point that tick labels need (1 for a step of 0.5, 0 for 20).
    pub decimals: usize,
}

impl Scale {
    /// A scale covering `lo..=hi` with about `intervals` steps.
    pub fn nice(lo: f64, hi: f64, intervals: usize) -> Scale {
        let (mut lo, mut hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        if !lo.is_finite() || !hi.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        if hi == lo {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
            (lo, hi) = if lo >= 0.0 && lo - pad < 0.0 { (0.0, hi + pad) } else { (lo - pad, hi + pad) };
        }
        let raw = (hi - lo) / intervals.max(1) as f64;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw * (1.0 - 1e-9))
            .unwrap_or(10.0 * magnitude);
        let min = (lo / step + 1e-9).floor() * step;
        let max = (hi / step - 1e-9).ceil() * step;
        let decimals = (-step.log10().floor()).max(0.0) as usize;
        Scale { min: clean(min, step), max: clean(max, step), step, decimals }
    }

    /// Every tick value from `min` to `max`.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.max - self.min) / self.step).round() as usize;
        (0..=n).map(|i| clean(self.min + i as f64 * self.step, self.step)).collect()
    }

    /// Where `value` falls, from 0 (at `min`) to 1 (at `max`).
    pub fn fraction(&self, value: f64) -> f64 {
        (value - self.min) / (self.max - self.min)
    }
}

/// Rounds away float noise (0.30000000000000004 → 0.3) and negative zero.
fn clean(value: f64, step: f64) -> f64 {
    let digits = (-step.log10().floor()).max(0.0) as i32 + 2;
    let factor = 10f64.powi(digits);
    let v = (value * factor).round() / factor;
    if v == 0.0 { 0.0 } else { v }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticks(lo: f64, hi: f64) -> Vec<f64> {
        Scale::nice(lo, hi, 5).ticks()
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(ticks(0.0, 4.12), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(ticks(0.0, 9.0), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(0.0, 0.23), [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]);
        assert_eq!(ticks(0.0, 1234.0), [0.0, 500.0, 1000.0, 1500.0]);
        assert_eq!(ticks(-3.0, 7.0), [-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.3, 0.7), [0.3, 0.4, 0.5, 0.6, 0.7]);
    }

    #[test]
    fn decimals_follow_the_step() {
        assert_eq!(Scale::nice(0.0, 4.12, 5).decimals, 0);
        assert_eq!(Scale::nice(0.0, 2.3, 5).decimals, 1);
        assert_eq!(Scale::nice(0.0, 0.23, 5).decimals, 2);
        assert_eq!(Scale::nice(0.0, 12_000.0, 5).decimals, 0);
    }

    #[test]
    fn flat_and_empty_ranges_still_get_an_axis() {
        assert_eq!(ticks(0.0, 0.0), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let s = Scale::nice(5.0, 5.0, 5);
        assert!(s.min <= 5.0 && s.max > 5.0, "{s:?}");
        let s = Scale::nice(f64::NAN, 1.0, 5);
        assert_eq!((s.min, s.max), (0.0, 1.0));
    }

    #[test]
    fn fraction_maps_the_range() {
        let s = Scale::nice(0.0, 4.12, 5);
        assert_eq!(s.fraction(0.0), 0.0);
        assert_eq!(s.fraction(5.0), 1.0);
        assert_eq!(s.fraction(2.5), 0.5);
    }
}
