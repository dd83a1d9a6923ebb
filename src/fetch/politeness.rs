//! Politeness: at most N requests in flight per host, and a minimum delay
//! between the starts of two requests to the same host.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Above this many hosts, idle entries are dropped to bound memory.
const PRUNE_ABOVE: usize = 4096;

/// The per-host gates of one client.
#[derive(Debug)]
pub(crate) struct Politeness {
    per_host: Option<usize>,
    delay: Option<Duration>,
    hosts: Mutex<HashMap<String, HostGate>>,
}

#[derive(Debug)]
struct HostGate {
    slots: Option<Arc<Semaphore>>,
    /// When the next request to this host may start.
    next_start: Instant,
}

/// Held while a request to a host is in flight.
#[derive(Debug)]
pub(crate) struct Turn {
    _permit: Option<OwnedSemaphorePermit>,
    /// How long the caller waited for its turn.
    pub waited: Duration,
}

impl Politeness {
    /// Gates with `per_host` concurrent requests (`None`: unlimited) and
    /// `delay` between request starts (`None`: none).
    pub fn new(per_host: Option<usize>, delay: Option<Duration>) -> Self {
        Politeness {
            per_host: per_host.map(|n| n.max(1)),
            delay: delay.filter(|d| !d.is_zero()),
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Whether these gates do nothing.
    fn is_off(&self) -> bool {
        self.per_host.is_none() && self.delay.is_none()
    }

    /// Waits for this host's turn: a free slot, then the delay since the
    /// previous start. Keep the returned [`Turn`] while the request runs.
    pub async fn turn(&self, host: &str) -> Turn {
        let began = Instant::now();
        if self.is_off() {
            return Turn {
                _permit: None,
                waited: Duration::ZERO,
            };
        }
        let slots = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            self.prune(&mut hosts);
            hosts
                .entry(host.to_string())
                .or_insert_with(|| HostGate {
                    slots: self.per_host.map(|n| Arc::new(Semaphore::new(n))),
                    next_start: began,
                })
                .slots
                .clone()
        };
        let permit = match slots {
            // The semaphore is never closed, so acquiring cannot fail.
            Some(s) => s.acquire_owned().await.ok(),
            None => None,
        };
        if let Some(delay) = self.delay {
            let start = {
                let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                match hosts.get_mut(host) {
                    Some(gate) => {
                        let start = gate.next_start.max(now);
                        gate.next_start = start + delay;
                        start
                    }
                    None => now,
                }
            };
            tokio::time::sleep_until(start).await;
        }
        Turn {
            _permit: permit,
            waited: began.elapsed(),
        }
    }

    /// Drops hosts with no request in flight and no pending delay.
    fn prune(&self, hosts: &mut HashMap<String, HostGate>) {
        if hosts.len() <= PRUNE_ABOVE {
            return;
        }
        let now = Instant::now();
        let per_host = self.per_host;
        hosts.retain(|_, g| {
            let idle = match (&g.slots, per_host) {
                (Some(s), Some(n)) => s.available_permits() == n,
                _ => true,
            };
            !(idle && g.next_start <= now)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn delay_spaces_requests_to_one_host() {
        let p = Politeness::new(None, Some(Duration::from_secs(2)));
        let t0 = Instant::now();
        let a = p.turn("a.example:80").await;
        assert_eq!(a.waited, Duration::ZERO);
        let b = p.turn("a.example:80").await;
        assert_eq!(Instant::now() - t0, Duration::from_secs(2));
        assert_eq!(b.waited, Duration::from_secs(2));
        // Another host is not delayed.
        let c = p.turn("b.example:80").await;
        assert_eq!(c.waited, Duration::ZERO);
        // Three concurrent callers on one host start 2 s apart.
        let starts = join3(&p, t0).await;
        assert_eq!(starts, [4, 6, 8]);
    }

    async fn join3(p: &Politeness, t0: Instant) -> [u64; 3] {
        let f = || async {
            p.turn("a.example:80").await;
            (Instant::now() - t0).as_secs()
        };
        let (x, y, z) = tokio::join!(f(), f(), f());
        let mut v = [x, y, z];
        v.sort();
        v
    }

    #[tokio::test(start_paused = true)]
    async fn per_host_concurrency_is_bounded() {
        let p = Arc::new(Politeness::new(Some(1), None));
        let first = p.turn("h:80").await;
        let p2 = Arc::clone(&p);
        let waiter = tokio::spawn(async move { p2.turn("h:80").await.waited });
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert!(
            !waiter.is_finished(),
            "second request must wait for the slot"
        );
        drop(first);
        let waited = waiter.await.unwrap();
        assert!(waited >= Duration::from_secs(5));
        // A different host has its own slot.
        let other = p.turn("other:80").await;
        assert_eq!(other.waited, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn off_means_no_wait() {
        let p = Politeness::new(None, None);
        for _ in 0..3 {
            assert_eq!(p.turn("h:80").await.waited, Duration::ZERO);
        }
    }
}
