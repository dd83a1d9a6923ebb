//! Admission: at most `max_concurrent` requests worked on, at most
//! `max_queued` waiting, each for at most `queue_timeout`; the rest are
//! turned away (503 with `Retry-After`) before they cost anything.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};

/// The gate every request that may fetch upstream goes through.
#[derive(Debug)]
pub(crate) struct Admission {
    slots: Semaphore,
    waiting: AtomicUsize,
    max_queued: usize,
    timeout: Duration,
}

/// Why a request was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Busy {
    /// The queue is full.
    QueueFull,
    /// The request waited its longest for a turn.
    Waited,
}

/// Counts one waiting request for as long as it lives.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Admission {
    pub fn new(max_concurrent: usize, max_queued: usize, timeout: Duration) -> Self {
        Admission {
            slots: Semaphore::new(max_concurrent.max(1)),
            waiting: AtomicUsize::new(0),
            max_queued,
            timeout,
        }
    }

    /// A turn: at once when a slot is free, else after waiting in the
    /// queue when there is room in it.
    pub async fn enter(&self) -> Result<SemaphorePermit<'_>, Busy> {
        if let Ok(permit) = self.slots.try_acquire() {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.max_queued {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(Busy::QueueFull);
        }
        let _waiting = Waiting(&self.waiting);
        match tokio::time::timeout(self.timeout, self.slots.acquire()).await {
            Ok(Ok(permit)) => Ok(permit),
            // The semaphore is never closed; treat it as a full queue anyway.
            Ok(Err(_)) => Err(Busy::QueueFull),
            Err(_) => Err(Busy::Waited),
        }
    }

    /// Requests waiting for a turn now.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    #[tokio::test(start_paused = true)]
    async fn turns_queue_and_refusals() {
        let gate = Admission::new(1, 1, Duration::from_secs(5));
        let first = gate.enter().await.unwrap();
        // The second waits in the queue; a third finds it full.
        let second = gate.enter();
        tokio::pin!(second);
        assert!(second.as_mut().now_or_never().is_none());
        assert_eq!(gate.waiting(), 1);
        assert_eq!(gate.enter().await.unwrap_err(), Busy::QueueFull);
        drop(first);
        let permit = second.await.unwrap();
        assert_eq!(gate.waiting(), 0);
        // A waiter gives up after the timeout.
        let started = tokio::time::Instant::now();
        assert_eq!(gate.enter().await.unwrap_err(), Busy::Waited);
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        drop(permit);
        assert!(gate.enter().await.is_ok());
    }
}
