//! Saving and loading a [`SiteMemory`] with serde, in any serde format.
//!
//! The saved form starts with a format marker and a version number, and
//! loading checks both before reading anything else: a memory saved by a
//! gleaner with another format version is refused with a clear error
//! rather than misread (fingerprints from another version would match
//! nothing, or the wrong things). Hosts are written sorted, so the same
//! memory always serialises to the same bytes.

use std::fmt;
use std::sync::Mutex;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::store::{Host, Seen, Store};
use super::{MemorySettings, SiteMemory};

/// The format version written by this gleaner, and the only one it reads.
/// It changes whenever the fingerprints or the layout change.
pub const MEMORY_FORMAT_VERSION: u32 = 1;

const MAGIC: &str = "gleaner-site-memory";
const FIELDS: &[&str] = &["format", "version", "tick", "settings", "hosts"];

/// Why a saved memory could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MemoryError {
    /// The data is not a saved gleaner site memory.
    #[error("not a saved gleaner site memory")]
    NotAMemory,
    /// It was saved in another format version; start a new memory.
    #[error(
        "saved site memory has format version {found}, this gleaner reads version {supported} \
         only; start a new memory"
    )]
    Version {
        /// The version found in the data.
        found: u32,
        /// The version this gleaner reads.
        supported: u32,
    },
    /// The data is malformed.
    #[error("invalid saved site memory: {0}")]
    Invalid(#[from] serde_json::Error),
}

#[derive(Serialize, Deserialize)]
struct HostRecord {
    host: String,
    last: u64,
    /// (page identity, last use).
    pages: Vec<(u64, u64)>,
    /// (fingerprint, distinct pages, last use).
    blocks: Vec<(u64, u32, u64)>,
}

impl SiteMemory {
    /// The memory as JSON (see [`MEMORY_FORMAT_VERSION`]).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Loads a memory saved with [`to_json`](SiteMemory::to_json), with the
    /// settings it was saved with. A memory of another format version is
    /// refused with [`MemoryError::Version`].
    pub fn from_json(json: &str) -> Result<SiteMemory, MemoryError> {
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            version: Option<u32>,
        }
        let header: Header = serde_json::from_str(json)?;
        if header.format.as_deref() != Some(MAGIC) {
            return Err(MemoryError::NotAMemory);
        }
        match header.version {
            Some(MEMORY_FORMAT_VERSION) => Ok(serde_json::from_str(json)?),
            Some(found) => Err(MemoryError::Version {
                found,
                supported: MEMORY_FORMAT_VERSION,
            }),
            None => Err(MemoryError::NotAMemory),
        }
    }
}

impl Serialize for SiteMemory {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let store = self.lock();
        let mut hosts: Vec<HostRecord> = store
            .hosts
            .iter()
            .map(|(name, h)| {
                let mut pages: Vec<(u64, u64)> = h.pages.iter().map(|(&k, &v)| (k, v)).collect();
                pages.sort_unstable();
                let mut blocks: Vec<(u64, u32, u64)> = h
                    .blocks
                    .iter()
                    .map(|(&fp, s)| (fp, s.pages, s.last))
                    .collect();
                blocks.sort_unstable();
                HostRecord {
                    host: name.clone(),
                    last: h.last,
                    pages,
                    blocks,
                }
            })
            .collect();
        hosts.sort_by(|a, b| a.host.cmp(&b.host));
        let mut s = serializer.serialize_struct("SiteMemory", FIELDS.len())?;
        s.serialize_field("format", MAGIC)?;
        s.serialize_field("version", &MEMORY_FORMAT_VERSION)?;
        s.serialize_field("tick", &store.tick)?;
        s.serialize_field("settings", &self.settings)?;
        s.serialize_field("hosts", &hosts)?;
        s.end()
    }
}

fn check_format<E: de::Error>(format: &str) -> Result<(), E> {
    if format == MAGIC {
        Ok(())
    } else {
        Err(E::custom("not a saved gleaner site memory"))
    }
}

fn check_version<E: de::Error>(version: u32) -> Result<(), E> {
    if version == MEMORY_FORMAT_VERSION {
        Ok(())
    } else {
        Err(E::custom(format!(
            "saved site memory has format version {version}, this gleaner reads version \
             {MEMORY_FORMAT_VERSION} only; start a new memory"
        )))
    }
}

fn build(tick: u64, settings: MemorySettings, hosts: Vec<HostRecord>) -> SiteMemory {
    let mut store = Store {
        tick,
        ..Store::default()
    };
    for r in hosts {
        let host = Host {
            last: r.last,
            pages: r.pages.into_iter().collect(),
            blocks: r
                .blocks
                .into_iter()
                .map(|(fp, pages, last)| (fp, Seen { pages, last }))
                .collect(),
        };
        store.hosts.insert(r.host, host);
    }
    store.enforce(&settings);
    SiteMemory {
        settings,
        store: Mutex::new(store),
    }
}

struct MemoryVisitor;

impl<'de> Visitor<'de> for MemoryVisitor {
    type Value = SiteMemory;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a saved gleaner site memory")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SiteMemory, A::Error> {
        let missing = |i| de::Error::invalid_length(i, &self);
        let format: String = seq.next_element()?.ok_or_else(|| missing(0))?;
        check_format(&format)?;
        let version: u32 = seq.next_element()?.ok_or_else(|| missing(1))?;
        check_version(version)?;
        let tick = seq.next_element()?.ok_or_else(|| missing(2))?;
        let settings = seq.next_element()?.ok_or_else(|| missing(3))?;
        let hosts = seq.next_element()?.ok_or_else(|| missing(4))?;
        Ok(build(tick, settings, hosts))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SiteMemory, A::Error> {
        let (mut format, mut version) = (false, false);
        let mut tick = None;
        let mut settings = None;
        let mut hosts = None;
        while let Some(key) = map.next_key::<String>()? {
            // The marker and version come first; nothing else is read
            // before they are checked.
            match key.as_str() {
                "format" => {
                    check_format(&map.next_value::<String>()?)?;
                    format = true;
                    continue;
                }
                "version" => {
                    check_version(map.next_value::<u32>()?)?;
                    version = true;
                    continue;
                }
                _ if !(format && version) => {
                    return Err(de::Error::custom(
                        "not a saved gleaner site memory (format and version must come first)",
                    ))
                }
                "tick" => tick = Some(map.next_value()?),
                "settings" => settings = Some(map.next_value()?),
                "hosts" => hosts = Some(map.next_value()?),
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        if !(format && version) {
            return Err(de::Error::custom("not a saved gleaner site memory"));
        }
        Ok(build(
            tick.unwrap_or(0),
            settings.ok_or_else(|| de::Error::missing_field("settings"))?,
            hosts.ok_or_else(|| de::Error::missing_field("hosts"))?,
        ))
    }
}

impl<'de> Deserialize<'de> for SiteMemory {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SiteMemory, D::Error> {
        deserializer.deserialize_struct("SiteMemory", FIELDS, MemoryVisitor)
    }
}
