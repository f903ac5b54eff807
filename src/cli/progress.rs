//! What the command line tells a person on standard error: one-line messages, the
//! progress bar and the summary.
//!
//! Nothing here can fail the run: standard error on a full disk, closed, or a pipe nobody
//! reads loses the messages, never a result line and never the exit code.

use std::io::{self, IsTerminal, Write};

use super::batch::{Outcome, Summary};

/// Writes `zhengce: {message}` on standard error, ignoring any failure to do so.
pub fn say(message: impl std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "zhengce: {message}");
}

/// Whether to draw a progress bar: standard error is a terminal, `quiet` is off and the
/// `CI` environment variable is not set.
pub fn wanted(quiet: bool) -> bool {
    !quiet && io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Draws the progress bar and prints per-input error lines above it.
pub struct Reporter {
    bar: indicatif::ProgressBar,
    report_errors: bool,
}

impl Reporter {
    /// A reporter for `total` inputs (unknown: a spinner); `show` draws the bar,
    /// `report_errors` prints a line per failed input.
    pub fn new(total: Option<u64>, show: bool, report_errors: bool) -> Self {
        let bar = if show {
            let style = indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {pos}/{len} inputs {msg} ({eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            let bar = match total {
                Some(n) => indicatif::ProgressBar::new(n),
                None => indicatif::ProgressBar::new_spinner(),
            };
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
            bar.set_style(style);
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        Reporter { bar, report_errors }
    }

    /// Accounts for one written outcome.
    pub fn record(&self, summary: &Summary, outcome: &Outcome) {
        if let (true, Some(e)) = (self.report_errors, &outcome.error) {
            let line = format!("{}: error[{}]: {}", outcome.name, e.code, e.message);
            if self.bar.is_hidden() {
                say(line);
            } else {
                self.bar.println(format!("zhengce: {line}"));
            }
        }
        if !self.bar.is_hidden() {
            self.bar.inc(1);
            let secs = summary.elapsed.as_secs_f64();
            if summary.inputs % 64 == 1 && secs > 0.0 {
                self.bar.set_message(format!(
                    "{:.0} MB, {:.1} MB/s, {} errors",
                    summary.bytes as f64 / 1e6,
                    summary.bytes as f64 / 1e6 / secs,
                    summary.failed()
                ));
            }
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
