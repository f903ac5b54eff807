//! The ordered parallel engine: many inputs mapped to results on a pool of workers, handed
//! back one at a time in input order.
//!
//! This is what the command line's batches run on, and what any other front end (a
//! language binding, a server) can share: a feeder pulls jobs lazily on the calling
//! thread, `workers` threads run `work`, and a writer thread passes each result to a sink
//! as soon as the next one in order is ready. A [`Window`] bounds what is in flight (jobs
//! handed out but not yet passed to the sink), by count and by the jobs' declared size, so
//! memory stays bounded whatever the number of inputs, and the sink sees the same
//! sequence whatever the number of workers.
//!
//! Hands on the sink's results; it prints nothing and reads no environment.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// Whether the engine goes on after a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Take the next result.
    Continue,
    /// Stop: no further result is passed to the sink.
    Stop,
}

/// How much may be in flight at once: jobs handed to the workers or waiting to be passed
/// to the sink.
///
/// A new job waits while `jobs` are in flight, or while the sizes of those in flight plus
/// its own exceed `bytes`; a job is always let through when nothing else is in flight, so
/// one job larger than `bytes` still runs (alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// At most this many jobs in flight (at least 1).
    pub jobs: usize,
    /// At most this many bytes of jobs in flight, as declared by the size function.
    pub bytes: u64,
}

impl Window {
    /// The default window for `workers` threads: 16 jobs per worker (at least 32), and
    /// 64 MB of input.
    pub fn for_workers(workers: usize) -> Self {
        Window {
            jobs: (workers.max(1) * 16).max(32),
            bytes: 64 << 20,
        }
    }
}

/// What is in flight, shared by the feeder and the writer.
#[derive(Default)]
struct InFlight {
    /// Jobs handed out and not yet passed to the sink.
    jobs: usize,
    /// Their declared sizes.
    bytes: u64,
    /// Set when the writer has stopped (sink stop, sink error, or a panic).
    halted: bool,
}

enum Msg<R> {
    Done(usize, u64, R),
    End(usize),
}

/// Sets `halted` and wakes the feeder when the writer ends, however it ends (a panic in
/// the sink included), so that the feeder never waits for room that will not come.
struct HaltOnDrop<'a> {
    state: &'a Mutex<InFlight>,
    room: &'a Condvar,
    stop: &'a AtomicBool,
}

impl Drop for HaltOnDrop<'_> {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Ok(mut s) = self.state.lock() {
            s.halted = true;
        }
        self.room.notify_all();
    }
}

/// Maps `work` over `jobs` with `workers` threads and passes the results to `sink` in
/// input order, keeping what is in flight within `window` (`size` gives each job's size
/// in bytes, e.g. the length of a record; return 0 to bound by count alone).
///
/// `jobs` is pulled lazily on the calling thread (it may block, e.g. on standard input);
/// `sink` runs on its own thread. Returns `Ok(true)` when every job was passed to the
/// sink, `Ok(false)` when the sink asked to stop, and the sink's first error if it failed.
/// A panic in the sink ends the run with an error instead of leaving the feeder waiting.
///
/// ```
/// use zhengce::parallel::{ordered_map, Flow, Window};
/// let mut seen = Vec::new();
/// let window = Window { jobs: 8, bytes: 1 << 20 };
/// ordered_map(0..100u32, 2, window, |_| 0, |n| n * 2, |r| { seen.push(r); Ok(Flow::Continue) }).unwrap();
/// assert_eq!(seen, (0..100).map(|n| n * 2).collect::<Vec<_>>());
/// ```
pub fn ordered_map<J, R, I, Z, W, S>(
    jobs: I,
    workers: usize,
    window: Window,
    size: Z,
    work: W,
    mut sink: S,
) -> io::Result<bool>
where
    I: IntoIterator<Item = J>,
    J: Send,
    R: Send,
    Z: Fn(&J) -> u64,
    W: Fn(J) -> R + Sync,
    S: FnMut(R) -> io::Result<Flow> + Send,
{
    let max_jobs = window.jobs.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers.max(1))
        .thread_name(|i| format!("zhengce-worker-{i}"))
        .build()
        .map_err(io::Error::other)?;
    let stop = AtomicBool::new(false);
    let state = Mutex::new(InFlight::default());
    let room = Condvar::new();
    let (tx, rx) = mpsc::channel::<Msg<R>>();
    let work = &work;
    let stop = &stop;
    let state = &state;
    let room = &room;

    let mut writer = move |rx: mpsc::Receiver<Msg<R>>| -> io::Result<bool> {
        let _halt = HaltOnDrop { state, room, stop };
        let mut pending: BTreeMap<usize, (u64, R)> = BTreeMap::new();
        let mut next = 0usize;
        let mut total = None;
        while total != Some(next) {
            let Ok(msg) = rx.recv() else { break };
            match msg {
                Msg::End(n) => total = Some(n),
                Msg::Done(i, bytes, r) => {
                    pending.insert(i, (bytes, r));
                }
            }
            while let Some((bytes, r)) = pending.remove(&next) {
                next += 1;
                let flow = sink(r)?;
                if let Ok(mut s) = state.lock() {
                    s.jobs = s.jobs.saturating_sub(1);
                    s.bytes = s.bytes.saturating_sub(bytes);
                }
                room.notify_all();
                if flow == Flow::Stop {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    };

    pool.in_place_scope(|scope| {
        std::thread::scope(|threads| {
            let handle = threads.spawn(move || writer(rx));
            let mut count = 0usize;
            for (i, job) in jobs.into_iter().enumerate() {
                let bytes = size(&job);
                // Wait for room in the window.
                let Ok(mut s) = state.lock() else { break };
                while !s.halted
                    && s.jobs > 0
                    && (s.jobs >= max_jobs || s.bytes.saturating_add(bytes) > window.bytes)
                {
                    s = match room.wait(s) {
                        Ok(s) => s,
                        Err(_) => return Err(io::Error::other("worker lock poisoned")),
                    };
                }
                if s.halted {
                    break;
                }
                s.jobs += 1;
                s.bytes = s.bytes.saturating_add(bytes);
                drop(s);
                let tx = tx.clone();
                scope.spawn(move |_| {
                    if !stop.load(Ordering::Relaxed) {
                        let _ = tx.send(Msg::Done(i, bytes, work(job)));
                    }
                });
                count = i + 1;
            }
            let _ = tx.send(Msg::End(count));
            drop(tx);
            handle
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the result writer panicked")))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const WINDOW: Window = Window {
        jobs: 4,
        bytes: 1 << 20,
    };

    #[test]
    fn keeps_order_with_uneven_work() {
        let mut seen = Vec::new();
        let done = ordered_map(
            0..500u64,
            2,
            WINDOW,
            |_| 0,
            |n| {
                if n % 7 == 0 {
                    std::thread::sleep(Duration::from_micros(200));
                }
                n
            },
            |n| {
                seen.push(n);
                Ok(Flow::Continue)
            },
        )
        .unwrap();
        assert!(done, "should report a complete run");
        assert_eq!(
            seen,
            (0..500).collect::<Vec<_>>(),
            "results should come out in input order whatever the work time"
        );
    }

    #[test]
    fn stops_when_asked() {
        let mut seen = Vec::new();
        let done = ordered_map(
            0..10_000u32,
            2,
            WINDOW,
            |_| 0,
            |n| n,
            |n| {
                seen.push(n);
                Ok(if n == 3 { Flow::Stop } else { Flow::Continue })
            },
        )
        .unwrap();
        assert!(!done, "should report that the sink stopped the run");
        assert_eq!(
            seen,
            vec![0, 1, 2, 3],
            "nothing should be passed on after Stop"
        );
    }

    #[test]
    fn handles_no_jobs() {
        let mut calls = 0;
        let done = ordered_map(
            std::iter::empty::<u8>(),
            2,
            WINDOW,
            |_| 0,
            |n| n,
            |_| {
                calls += 1;
                Ok(Flow::Continue)
            },
        )
        .unwrap();
        assert!(done && calls == 0, "an empty batch should finish at once");
    }

    #[test]
    fn sink_error_is_returned() {
        let result = ordered_map(
            0..100u8,
            2,
            WINDOW,
            |_| 0,
            |n| n,
            |_| Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed")),
        );
        assert_eq!(
            result.unwrap_err().kind(),
            io::ErrorKind::BrokenPipe,
            "the sink's error should come back to the caller"
        );
    }

    #[test]
    fn a_panicking_sink_ends_the_run_instead_of_hanging() {
        let result = ordered_map(
            0..1000u32,
            2,
            WINDOW,
            |_| 0,
            |n| n,
            |n| {
                assert!(n < 10, "the sink fails on purpose at 10");
                Ok(Flow::Continue)
            },
        );
        assert!(result.is_err(), "a sink that panics should give an error");
    }

    #[test]
    fn bytes_in_flight_stay_within_the_window() {
        let in_flight = std::sync::atomic::AtomicU64::new(0);
        let mut most = 0;
        let window = Window {
            jobs: 1000,
            bytes: 10,
        };
        ordered_map(
            0..200u64,
            2,
            window,
            |_| 3,
            |n| {
                in_flight.fetch_add(3, Ordering::SeqCst);
                n
            },
            |_| {
                most = most.max(in_flight.fetch_sub(3, Ordering::SeqCst));
                Ok(Flow::Continue)
            },
        )
        .unwrap();
        assert!(
            most <= 9,
            "at most three jobs of 3 bytes fit a 10-byte window, saw {most} bytes"
        );
    }
}
